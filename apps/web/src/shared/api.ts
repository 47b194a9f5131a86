import type { ApiEndpoints, EndpointInput, EndpointOutput } from '@maillage/core';
import { endpointPath, endpointQuery } from '@maillage/core';

/**
 * A problem answer from the API, with its stable code, its title in the interface's language (the
 * `message`) and per-field errors.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: { field: string; message: string }[] = [],
    /** The problem's other members (`current` of a 409 `sheet_conflict`, `detail`…), as sent. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** The error for one form field (`email` matches `body.email`). */
  forField(name: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === `body.${name}` || e.field === name)?.message;
  }
}

function csrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)maillage_csrf=([^;]+)/);
  return match ? decodeURIComponent(match[1] as string) : '';
}

/**
 * The interface's language, as the i18n provider keeps it: the choice saved in localStorage (read
 * even before the provider has rendered), else `<html lang>`; French by default.
 */
function interfaceLocale(): 'fr' | 'en' {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem('maillage.locale');
  } catch {
    // Storage can be refused (private mode, sandbox): fall back to the page's language.
  }
  const lang = saved ?? (typeof document !== 'undefined' ? document.documentElement.lang : '');
  return lang === 'en' ? 'en' : 'fr';
}

/**
 * The one way the web app talks to the server: JSON in, JSON out, CSRF header added, and the
 * interface's language asked for so that problem titles come back in it.
 */
async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': interfaceLocale(),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' ? { 'x-csrf-token': csrfToken() } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'offline', '');
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const {
      type: _type,
      title,
      status: _status,
      code,
      instance: _instance,
      errors,
      ...details
    } = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    throw new ApiError(
      response.status,
      typeof code === 'string' ? code : 'internal',
      typeof title === 'string' ? title : response.statusText,
      Array.isArray(errors) ? (errors as { field: string; message: string }[]) : [],
      details,
    );
  }
  return data as T;
}

type Key = keyof ApiEndpoints;

/**
 * Calls an endpoint by its key (`'GET /api/collectives/:id'`): its path parameters, query and body
 * are typed by the endpoint's schemas (core), and so is the answer. The web's one way to reach a
 * JSON route; it declares no server type.
 */
export function request<K extends Key>(
  key: K,
  ...[input]: EndpointInput<ApiEndpoints[K]> extends { params?: undefined; body?: undefined }
    ? [input?: EndpointInput<ApiEndpoints[K]>]
    : [input: EndpointInput<ApiEndpoints[K]>]
): Promise<EndpointOutput<ApiEndpoints[K]>> {
  const space = key.indexOf(' ');
  const method = key.slice(0, space) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const given = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const url = endpointPath(key.slice(space + 1), given.params) + endpointQuery(given.query);
  return api<EndpointOutput<ApiEndpoints[K]>>(method, url, given.body);
}

/**
 * Fetches a file route (a PDF, an SVG, a CSV) for the page to save or open, so that a refusal
 * (`422 plan_too_large`) is said on the page before anything is printed: the problem answer
 * throws an ApiError as `request` does; a file comes back as a Blob.
 */
export async function requestFile<K extends Key>(key: K, input: EndpointInput<ApiEndpoints[K]>): Promise<Blob> {
  const space = key.indexOf(' ');
  const method = key.slice(0, space);
  const given = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const url = endpointPath(key.slice(space + 1), given.params) + endpointQuery(given.query);
  let response: Response;
  try {
    // A file made from what the page sends (the venue file and its passphrase) is a POST.
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        'accept-language': interfaceLocale(),
        ...(given.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' ? { 'x-csrf-token': csrfToken() } : {}),
      },
      ...(given.body !== undefined ? { body: JSON.stringify(given.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'offline', '');
  }
  if (!response.ok) {
    const text = await response.text();
    let data: { code?: string; title?: string; errors?: { field: string; message: string }[] } | undefined;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    throw new ApiError(response.status, data?.code ?? 'internal', data?.title ?? response.statusText, data?.errors ?? []);
  }
  return response.blob();
}
