import { createHash, randomBytes } from 'node:crypto';
import { type LoginDeps, login, setupFirstAdmin } from '@maillage/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { availableTestStores, openTestStore } from '../testing';
import { accountsRepo } from './store';

describe.each(availableTestStores())('an account change and its audit entry, one transaction, on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
    // Audit entries of the actions named in `refused_audit` cannot be written.
    await sql`
      create table refused_audit (action text primary key);
      create function refuse_audit() returns trigger language plpgsql as $$
        begin
          if exists (select 1 from refused_audit where action = new.action) then raise exception 'audit refused: %', new.action; end if;
          return new;
        end $$;
      create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit();`.execute(store.db);
  });
  afterAll(async () => {
    await store?.close();
  });

  const refuse = (action: string) => sql`insert into refused_audit values (${action}) on conflict do nothing`.execute(store.db);
  const deps = (): LoginDeps => ({
    repo: accountsRepo(store.db),
    hasher: { hash: async (p) => `clair:${p}`, verify: async (h, p) => h === `clair:${p}` },
    tokens: {
      random: () => randomBytes(24).toString('base64url'),
      digest: (token) => createHash('sha256').update(token).digest('hex'),
    },
    now: () => new Date('2026-03-12T09:00:00Z'),
    sessionDays: 30,
  });

  it('creates no first administrator when the audit entry cannot be written', async () => {
    await refuse('setup.first_admin');
    const input = { email: `premiere-${randomBytes(3).toString('hex')}@exemple.fr`, password: 'mot de passe long', displayName: 'Admin' };
    await expect(setupFirstAdmin(deps(), input)).rejects.toThrow(/audit refused/);
    expect(await deps().repo.findUserByEmail(input.email)).toBeUndefined();
  });

  it('opens no session when the login’s audit entry cannot be written', async () => {
    await refuse('session.login');
    const email = `camille-${randomBytes(3).toString('hex')}@exemple.fr`;
    const user = await deps().repo.createUser({ email, displayName: 'Camille', passwordHash: 'clair:secret', isAdmin: false });
    await expect(login(deps(), { email, password: 'secret' })).rejects.toThrow(/audit refused/);
    const sessions = await store.db.selectFrom('sessions').select('user_id').where('user_id', '=', user.id).execute();
    expect(sessions).toEqual([]);
  });
});
