import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteSpec } from '../http/route';
import { problems } from '../http/problems';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
}

function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
}

/** OpenAPI 3.1 document generated from the routes' zod schemas. */
export function openApiDocument(specs: readonly RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    const paramShape = spec.params ? (jsonSchema(spec.params, 'input').properties as Record<string, unknown> | undefined) : undefined;
    for (const name of pathParams(spec.url)) {
      parameters.push({ name, in: 'path', required: true, schema: paramShape?.[name] ?? { type: 'string' } });
    }
    if (spec.query) {
      const q = jsonSchema(spec.query, 'input');
      const required = new Set((q.required as string[] | undefined) ?? []);
      for (const [name, schema] of Object.entries((q.properties as Record<string, unknown>) ?? {})) {
        parameters.push({ name, in: 'query', required: required.has(name), schema });
      }
    }
    const status = String(spec.status ?? (spec.method === 'POST' ? 201 : 200));
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = {
      summary: spec.summary,
      tags: spec.tags,
      operationId: `${spec.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      'x-policy-action': spec.action,
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }
        : {}),
      responses: {
        [status]: {
          description: 'Succès',
          content: spec.produces
            ? { [spec.produces]: {} }
            : { 'application/json': { schema: spec.response ? jsonSchema(spec.response, 'output') : {} } },
        },
        default: { description: 'Erreur', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'maillage', version, description: 'API de maillage, plateforme de coopération territoriale.' },
    paths,
    components: {
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string', enum: Object.keys(problems) },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'maillage_session' } },
    },
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A browsable, script-free page of the API, readable with the strict CSP. */
export function docsPage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<
    string,
    Record<
      string,
      { summary: string; tags: string[]; 'x-policy-action': string; requestBody?: unknown; responses: unknown; parameters?: unknown }
    >
  >;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags[0] ?? 'autres';
      const items = byTag.get(tag) ?? [];
      items.push(
        `<details><summary><code class="m ${method}">${method.toUpperCase()}</code> <code>${escapeHtml(path)}</code> — ${escapeHtml(op.summary)} <small>(droit : ${escapeHtml(op['x-policy-action'])})</small></summary><pre>${escapeHtml(JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2))}</pre></details>`,
      );
      byTag.set(tag, items);
    }
  }
  const sections = [...byTag.entries()]
    .sort()
    .map(([tag, items]) => `<section><h2>${escapeHtml(tag)}</h2>${items.join('\n')}</section>`)
    .join('\n');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>API maillage</title><link rel="stylesheet" href="/api/docs.css"></head><body><main><h1>API maillage</h1><p>Document OpenAPI 3.1 : <a href="/api/openapi.json">/api/openapi.json</a>. Les requêtes qui modifient des données exigent l’en-tête <code>x-csrf-token</code>.</p>${sections}</main></body></html>`;
}

export const docsCss = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fff}main{max-width:70rem;margin:auto;padding:1rem}details{border:1px solid #ccc;border-radius:6px;margin:.4rem 0;padding:.4rem}summary{cursor:pointer}pre{overflow:auto;background:#f5f5f5;padding:.5rem;font-size:13px}.m{display:inline-block;min-width:4.5rem;font-weight:bold}.get{color:#0b5e2e}.post{color:#0b4a8b}.put,.patch{color:#7a4b00}.delete{color:#a0001c}`;

/** Serves /api/openapi.json, /api/docs and its stylesheet (computed once, after every route is known). */
export function registerDocs(app: FastifyInstance, version: string): void {
  let cached: { json: string; html: string } | undefined;
  const build = () => {
    if (!cached) {
      const doc = openApiDocument(app.routeSpecs, version);
      cached = { json: JSON.stringify(doc), html: docsPage(doc) };
    }
    return cached;
  };
  app.get('/api/openapi.json', async (_req, reply) => reply.type('application/json').send(build().json));
  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(build().html));
  app.get('/api/docs.css', async (_req, reply) => reply.type('text/css').send(docsCss));
}
