import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import { openStore } from '@maillage/db';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io';
import { run } from '../main';

function buffers(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) };
}

describe('maillage admin create', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-cli-'));
  const saved = { data: process.env.MAILLAGE_DATA, url: process.env.DATABASE_URL };
  process.env.MAILLAGE_DATA = dir;
  delete process.env.DATABASE_URL;
  afterAll(() => {
    if (saved.data === undefined) delete process.env.MAILLAGE_DATA;
    else process.env.MAILLAGE_DATA = saved.data;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates an administrator in the PGlite folder, with a generated password; refuses a duplicate and a bad e-mail', async () => {
    const io = buffers();
    expect(await run(['admin', 'create', '--email', 'Dominique.Admin@Exemple.fr', '--name', 'Dominique Admin'], io)).toBe(0);
    const printed = io.out.join('\n');
    expect(printed).toContain('Administrateur créé : dominique.admin@exemple.fr');
    const password = printed.match(/Mot de passe : (\S+)/)?.[1];
    expect(password).toBeDefined();

    const bad = buffers();
    expect(await run(['admin', 'create', '--email', 'pas-une-adresse'], bad)).toBe(2);
    expect(bad.err.join('\n')).toContain('--email');
    const twice = buffers();
    expect(await run(['admin', 'create', '--email', 'dominique.admin@exemple.fr'], twice)).toBe(1);
    expect(twice.err.join('\n')).toContain('un compte existe déjà');

    const store = await openStore({ kind: 'pglite', dataDir: dir });
    try {
      const user = await store.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', 'dominique.admin@exemple.fr')
        .executeTakeFirstOrThrow();
      expect(user.is_admin).toBe(true);
      expect(user.display_name).toBe('Dominique Admin');
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verify(user.password_hash, password as string)).toBe(true);
      const audit = await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['admin.create_cli']);
    } finally {
      await store.close();
    }
  }, 240_000);
});
