import { type AuditOf, searchKey } from '@maillage/core';
import { withAudit } from '../accounts/store';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

import { territoryFamily } from './territory-context';

/** Themes usable on a territory: the shared list and those added on it or its ancestors. */
export async function listThemes(db: Kysely<DB>, territoryId?: string) {
  const family = territoryId ? await territoryFamily(db, territoryId) : [];
  return db
    .selectFrom('eco_themes')
    .select(['id', 'label', 'territory_id as territoryId'])
    .where((eb) =>
      family.length ? eb.or([eb('territory_id', 'is', null), eb('territory_id', 'in', family)]) : eb('territory_id', 'is', null),
    )
    .orderBy('label_key')
    .orderBy('label')
    .execute();
}

export async function addTheme(
  db: Kysely<DB>,
  territoryId: string,
  label: string,
  actorUserId: string | null,
  audit: AuditOf<{ id: string }> = null,
): Promise<{ id: string } | 'exists'> {
  const key = searchKey(label);
  const family = await territoryFamily(db, territoryId);
  const existing = await db
    .selectFrom('eco_themes')
    .select('id')
    .where('label_key', '=', key)
    .where((eb) => eb.or([eb('territory_id', 'is', null), eb('territory_id', 'in', family)]))
    .executeTakeFirst();
  if (existing) return 'exists';
  return withAudit(db, audit, (trx) =>
    trx
      .insertInto('eco_themes')
      .values({ label, label_key: key, territory_id: territoryId, created_by: actorUserId })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
}
