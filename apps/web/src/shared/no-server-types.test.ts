/**
 * The web reaches a JSON route only through `request('METHOD /path', …)` (shared/api.ts), whose
 * input and answer types come from the endpoint's schemas in core: a page that called `api<T>()`
 * or `fetch('/api/…')` itself would type the answer by hand, a copy of a server type that drifts
 * silently. This scan keeps the web from going back. File downloads (CSV, PDF, ICS, QR code) stay
 * plain links (`href`, `src`), which the scan leaves alone.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
/** The typed client: the only file allowed to call the server directly. */
const client = join('shared', 'api.ts');

const rules: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  // `api(`, `api<T>(`: the untyped call the typed client wraps.
  { name: 'api() outside the typed client', pattern: /(?<![\w.$])api\s*(?:<[^>\n]*>\s*)?\(/ },
  // `fetch('/api…`, fetch(`/api…`, fetch("/api…`.
  { name: 'fetch of /api outside the typed client', pattern: /\bfetch\s*\(\s*['"`]\/api/ },
  // `new XMLHttpRequest` or `axios`: another way around the client.
  { name: 'another HTTP client', pattern: /\bnew\s+XMLHttpRequest\b|from\s+['"]axios['"]/ },
  // A view declared by hand (`interface OrganisationView {`): the web's views come from core.
  { name: 'a hand-written view', pattern: /\binterface\s+\w*View\b/ },
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `file:line: rule` for every line of `text` that breaks a rule. */
export function directCalls(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    // A comment may name what it is about (`GET /api/…`): only code counts.
    const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
    return rules.filter((rule) => rule.pattern.test(code)).map((rule) => `${file}:${i + 1}: ${rule.name}`);
  });
}

/** Every break in apps/web/src, the typed client excepted. */
function scan(): string[] {
  return sources(root)
    .map((path) => relative(root, path))
    .filter((file) => file !== client)
    .flatMap((file) => directCalls(file.split(sep).join('/'), readFileSync(join(root, file), 'utf8')));
}

describe('the web calls the API only through the typed client', () => {
  it('finds no direct call, no other HTTP client, no hand-written view in apps/web/src', () => {
    expect(sources(root).length).toBeGreaterThan(20);
    expect(scan()).toEqual([]);
  });

  it('catches each way around the client (probes)', () => {
    const probes: Record<string, string> = {
      "const x = await api<Foo>('GET', '/api/events');": 'api() outside the typed client',
      "await api('DELETE', `/api/session`);": 'api() outside the typed client',
      'return api <{ id: string }>(method, url);': 'api() outside the typed client',
      "const r = await fetch('/api/health');": 'fetch of /api outside the typed client',
      'fetch(`/api/events/${id}`).then((r) => r.json());': 'fetch of /api outside the typed client',
      'const xhr = new XMLHttpRequest();': 'another HTTP client',
      "import axios from 'axios';": 'another HTTP client',
      'interface OrganisationView {': 'a hand-written view',
    };
    for (const [line, rule] of Object.entries(probes)) expect(directCalls('probe.ts', line), line).toEqual([`probe.ts:1: ${rule}`]);
    // What the typed client and plain links look like passes.
    const fine = [
      "await request('GET /api/events/:id', { params: { id } });",
      '<a href={programmePdf} download>/api/events/42/programme.pdf</a>',
      'const mapi = (x: number) => x; wrapapi(1); obj.api(2);',
      "// Was: api<EventView>('GET', '/api/events/42')",
      'type OrganisationView = CoreOrganisationView;',
    ];
    for (const line of fine) expect(directCalls('fine.ts', line), line).toEqual([]);
  });

  it('fails on a file of the tree that calls the server directly (probe written into apps/web/src)', () => {
    const name = `probe-${process.pid}-${randomBytes(3).toString('hex')}.ts`;
    const path = join(root, 'features', name);
    writeFileSync(path, "export const probe = () => fetch('/api/health');\n");
    try {
      expect(scan()).toEqual([`features/${name}:1: fetch of /api outside the typed client`]);
    } finally {
      rmSync(path, { force: true });
    }
  });
});
