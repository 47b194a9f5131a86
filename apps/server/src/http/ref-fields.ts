import { z } from 'zod';
import type { RefPath } from './refs';
import type { RouteSpec } from './route';

/** Field names that name an object: `id`, `…Id`, `…Ids`, path `code`s and `token`s, the two sides of a pair. */
const ID_NAME = /^(id|ids|code|token|a|b)$|Ids?$/;

type JsonSchema = {
  type?: string | string[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

function walk(schema: JsonSchema | undefined, path: string, name: string, out: Set<string>): void {
  if (!schema) return;
  for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) walk(alt, path, name, out);
  if (schema.properties) {
    for (const [key, child] of Object.entries(schema.properties)) walk(child, `${path}.${key}`, key, out);
    return;
  }
  if (schema.items) {
    const items = schema.items;
    if (items.properties || items.anyOf || items.oneOf) walk(items, `${path}[]`, name, out);
    else walk(items, path, name, out);
    return;
  }
  if (schema.format === 'uuid' || ID_NAME.test(name)) out.add(path);
}

/**
 * The fields of a route's path, query and body that name an object: a uuid, or a field whose
 * name says it is an id (`id`, `organisationId`, `registrationIds`, a path `code` or `token`).
 * Arrays of objects appear as `body.hosts[].participantId`.
 */
export function idFieldsOf(spec: RouteSpec): RefPath[] {
  const out = new Set<string>();
  for (const where of ['params', 'query', 'body'] as const) {
    const schema = spec[where];
    if (!schema) continue;
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    walk(json, where, '', out);
  }
  return [...out].sort() as RefPath[];
}
