import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../accounts/store';
import type { DB } from '../schema';
import type { PersonalDataSubject } from './declaration';
import { personalDataRegistry } from './registry';

/** What an erasure did: counts per kind of row (also in its audit entry), and the live rooms whose log changed. */
export interface ErasureReport {
  readonly counts: Readonly<Record<string, number>>;
  readonly rewrittenRooms: readonly string[];
}

async function locate(db: Kysely<DB>, personId: string): Promise<PersonalDataSubject | undefined> {
  const subject: PersonalDataSubject = { personId, userId: null, emails: new Set(), traces: new Set(), texts: new Set(), found: new Map() };
  for (const declaration of personalDataRegistry) {
    await declaration.locate(db, subject);
    if (!subject.found.get('people')?.length) return undefined;
  }
  return subject;
}

/**
 * Everything held about a person (RGPD articles 15 and 20), gathered from every capability's
 * declaration: her record, acquaintances, registrations, live participation, collectives,
 * account, audit entries about her. Undefined when there is no such person.
 */
export async function exportPersonData(db: Kysely<DB>, personId: string): Promise<Record<string, unknown> | undefined> {
  const subject = await locate(db, personId);
  if (!subject) return undefined;
  let data: Record<string, unknown> = {};
  for (const declaration of personalDataRegistry) data = { ...data, ...(await declaration.export(db, subject)) };
  return data;
}

/**
 * Erases a person (RGPD article 17) everywhere a capability declared it holds something about her,
 * in one transaction: her name, contact details and texts go; facts others depend on (a
 * registration's attendance, a room's log, a collective's seat) stay, anonymised. The erasure is
 * recorded in the audit log of her territory with ids and counts only.
 */
export async function erasePerson(db: Kysely<DB>, personId: string, actorUserId: string | null): Promise<ErasureReport | undefined> {
  return db.transaction().execute(async (trx) => {
    // Her row locked: nothing is linked to her while she is being erased.
    const row = await trx.selectFrom('people').select('id').where('id', '=', personId).forUpdate().executeTakeFirst();
    if (!row) return undefined;
    const territory = await sql<{ territory_id: string }>`
      select territory_id from (
        select pt.territory_id, 0 as rank from person_territories pt where pt.person_id = ${personId}
        union all
        select ot.territory_id, 1 from organisation_territories ot
          join person_organisations po on po.organisation_id = ot.organisation_id where po.person_id = ${personId}
      ) t order by rank, territory_id limit 1`.execute(trx);
    const subject = await locate(trx, personId);
    if (!subject) return undefined;
    const counts: Record<string, number> = {};
    const rooms = new Set<string>();
    for (const declaration of personalDataRegistry) {
      const outcome = await declaration.erase(trx, subject);
      Object.assign(counts, outcome.counts);
      for (const room of outcome.rewrittenRooms ?? []) rooms.add(room);
    }
    await writeAudit(trx, {
      actorUserId,
      action: 'person.erase',
      entityType: 'person',
      entityId: personId,
      territoryId: territory.rows[0]?.territory_id ?? null,
      details: counts,
    });
    return { counts, rewrittenRooms: [...rooms] };
  });
}
