import type { z } from 'zod';

/**
 * The contract of one API route, shared by the server and the web: its method and path, and the
 * zod schemas of what it takes and answers. The server builds its route from it (adding the
 * summary, the policy action, the refs and the handler); the web calls it by its key
 * (`'GET /api/collectives/:id'`) through a client whose types come from these schemas, so the web
 * never declares a server type by hand.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint {
  readonly method: HttpMethod;
  readonly url: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** What a JSON route answers; absent on a file route, which says what it `produces`. */
  readonly response?: z.ZodType;
  readonly produces?: string;
  readonly status?: number;
}

/** Declares an endpoint, keeping the exact types of its schemas. */
export function endpoint<const E extends Endpoint>(spec: E): E {
  return spec;
}

/** A group of endpoints keyed by `METHOD /path`, the key the web client calls them by. */
export type EndpointMap<T extends Record<string, Endpoint>> = {
  [K in keyof T as `${T[K]['method']} ${T[K]['url']}`]: T[K];
};

type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What the web sends to an endpoint: its path parameters, query and body, as the schemas read them. */
export type EndpointInput<E extends Endpoint> = (E['params'] extends z.ZodType
  ? { params: InputOf<E['params']> }
  : { params?: undefined }) &
  (E['query'] extends z.ZodType ? { query?: InputOf<E['query']> } : { query?: undefined }) &
  (E['body'] extends z.ZodType ? { body: InputOf<E['body']> } : { body?: undefined });

/** What an endpoint answers, as the client reads it (after JSON). */
export type EndpointOutput<E extends Endpoint> = E['response'] extends z.ZodType ? z.output<E['response']> : unknown;

/** The path of an endpoint with its parameters filled in (`/api/collectives/:id` → `/api/collectives/42`). */
export function endpointPath(url: string, params: Record<string, unknown> | undefined): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${url}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** The query string of a request (`?a=1&b=x&b=y`), empty when nothing is set. */
export function endpointQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
