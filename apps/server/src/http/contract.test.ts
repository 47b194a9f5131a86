import { describe, expect, it } from 'vitest';
import { allRoutes } from '../app';
import { openApiDocument } from '../system/openapi';

const keyOf = (spec: { method: string; url: string }) => `${spec.method} ${spec.url}`;

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
});
