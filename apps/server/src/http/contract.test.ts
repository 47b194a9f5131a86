import * as core from '@maillage/core';
import type { Endpoint } from '@maillage/core';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../app';
import { openApiDocument } from '../system/openapi';

const keyOf = (spec: { method: string; url: string }) => `${spec.method} ${spec.url}`;

const isEndpoint = (value: unknown): value is Endpoint =>
  typeof value === 'object' && value !== null && 'method' in value && 'url' in value && typeof value.url === 'string';

/** Every endpoint core declares (`<capability>Endpoints`), by its key (`METHOD /path`). */
function coreEndpoints(): Map<string, Endpoint> {
  const found = new Map<string, Endpoint>();
  for (const [name, group] of Object.entries(core)) {
    if (!name.endsWith('Endpoints') || typeof group !== 'object' || group === null) continue;
    for (const e of Object.values(group)) {
      if (!isEndpoint(e)) continue;
      expect(found.has(keyOf(e)), `${keyOf(e)} declared twice in core`).toBe(false);
      found.set(keyOf(e), e);
    }
  }
  return found;
}

describe('the contract between the server and its clients', () => {
  it('every JSON route declares its response schema, every file route what it produces', () => {
    expect(allRoutes.filter((r) => !r.raw && !r.response).map(keyOf), 'JSON routes without a response schema').toEqual([]);
    expect(allRoutes.filter((r) => r.raw && !r.produces).map(keyOf), 'file routes without a content type').toEqual([]);
  });

  it('gives every JSON operation of the OpenAPI document a described answer (files are described by their type)', () => {
    const files = new Set(allRoutes.filter((r) => r.raw).map((r) => `${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`));
    const doc = openApiDocument(allRoutes, 'test') as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
    };
    const bare: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
        const content = ok?.[1].content ?? {};
        const described = Object.entries(content).some(
          ([type, media]) => !type.includes('json') || (media.schema !== undefined && Object.keys(media.schema).length > 0),
        );
        const key = `${method.toUpperCase()} ${path}`;
        if (!described && !files.has(key)) bare.push(key);
      }
    }
    expect(bare, 'operations whose answer has no schema').toEqual([]);
  });

  it('builds every route from an endpoint of core, with the very same schemas (the web is typed from them)', () => {
    // allRoutes is the list buildApp registers (registerRoutes → app.routeSpecs).
    const endpoints = coreEndpoints();
    expect(endpoints.size).toBeGreaterThan(0);
    const missing: string[] = [];
    const different: string[] = [];
    for (const route of allRoutes) {
      const e = endpoints.get(keyOf(route));
      if (!e) {
        missing.push(keyOf(route));
        continue;
      }
      for (const field of ['params', 'query', 'body', 'response', 'status', 'produces'] as const) {
        // Identity, not likeness: a schema copied into the server would drift from the web's types.
        if (route[field] !== e[field]) different.push(`${keyOf(route)}: ${field}`);
      }
    }
    expect(missing, 'routes without an endpoint in core').toEqual([]);
    expect(different, 'routes whose schemas are not their endpoint’s').toEqual([]);
    const routes = new Set(allRoutes.map(keyOf));
    expect(
      [...endpoints.keys()].filter((key) => !routes.has(key)),
      'endpoints of core that no route serves',
    ).toEqual([]);
  });
});
