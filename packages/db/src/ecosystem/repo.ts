import { type DuplicateCandidate, duplicateReason, type EcosystemRepo, organisationNameKey, relationKey } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import { withAudit } from '../accounts/store';
import { erasePerson, exportPersonData } from '../privacy/personal-data';
import type { DB } from '../schema';
import { insertOrganisationRow, insertPersonRow } from './rows';
import { searchDirectory } from './directory';
import { territoryExport } from './export';
import { existingPeopleIndex, importLookups, writeOrganisationImport, writePeopleImport } from './import';
import { getOrganisation, probableDuplicates } from './organisations';
import {
  acceptProposal,
  diffNames,
  getProposal,
  insertProposal,
  organisationFields,
  organisationProposals,
  pendingProposals,
  refuseProposal,
  writeOrganisationFields,
} from './proposals';
import { acquaintancesOf, addAcquaintance, getPerson } from './people';
import { assessmentsOf, ecosystemMap, mobiliseCandidates, relationHistory, territoryAssessments } from './relations';
import { organisationsContext, organisationsOfUser, personContext, territoryFamily } from './territory-context';
import { addTheme, listThemes } from './themes';

/** Write side of the ecosystem on PostgreSQL or PGlite. */
export function ecosystemRepo(db: Kysely<DB>): EcosystemRepo {
  return {
    listThemes: (territoryId) => listThemes(db, territoryId),
    addTheme: (territoryId, label, actorUserId, audit) => addTheme(db, territoryId, label, actorUserId, audit),
    territoryFamily: (territoryId) => territoryFamily(db, territoryId),
    searchDirectory: (filters) => searchDirectory(db, filters),
    getOrganisation: (id) => getOrganisation(db, id),
    assessmentsOf: (organisationId) => assessmentsOf(db, organisationId),
    relationHistory: (a, b) => relationHistory(db, a, b),
    organisationsOfUser: (userId) => organisationsOfUser(db, userId),
    organisationsContext: (ids) => organisationsContext(db, ids),
    personContext: (personId) => personContext(db, personId),
    probableDuplicates: (territoryId) => probableDuplicates(db, territoryId),
    getPerson: (id) => getPerson(db, id),
    acquaintancesOf: (personId) => acquaintancesOf(db, personId),
    addAcquaintance: (x, y, source, options, audit) => withAudit(db, audit, (trx) => addAcquaintance(trx, x, y, source, options)),
    ecosystemMap: (filters) => ecosystemMap(db, filters),
    territoryAssessments: (territoryId) => territoryAssessments(db, territoryId),
    mobiliseCandidates: (territoryId, themeId, today) => mobiliseCandidates(db, territoryId, themeId, today),
    importLookups: (territoryId) => importLookups(db, territoryId),
    existingPeopleIndex: (territoryId) => existingPeopleIndex(db, territoryId),
    writeOrganisationImport: (rows, options) => writeOrganisationImport(db, rows, options),
    writePeopleImport: (rows, options) => writePeopleImport(db, rows, options),
    territoryExport: (territoryId) => territoryExport(db, territoryId),
    exportPersonData: (personId) => exportPersonData(db, personId),
    organisationFields: (id) => organisationFields(db, id),
    insertProposal: (input, audit) => insertProposal(db, input, audit),
    proposals: (organisationId) => organisationProposals(db, organisationId),
    pendingProposals: (territoryId) => pendingProposals(db, territoryId),
    getProposal: (id) => getProposal(db, id),
    diffNames: (territoryIds, themeIds) => diffNames(db, territoryIds, themeIds),
    acceptProposal: (id, decide, decision, audit) => acceptProposal(db, id, decide, decision, audit),
    refuseProposal: (id, decision, audit) => refuseProposal(db, id, decision, audit),
    erasePerson: (personId, actorUserId) => erasePerson(db, personId, actorUserId),
    async findDuplicates(probe) {
      const key = organisationNameKey(probe.name);
      const rows = await db
        .selectFrom('organisations')
        .select(['id', 'name', 'siren', 'commune_id'])
        .where('merged_into', 'is', null)
        .where((eb) => {
          const ors = [
            eb.and([eb('name_key', '=', key), eb('commune_id', '=', probe.communeId ?? '00000000-0000-0000-0000-000000000000')]),
          ];
          if (probe.siren) ors.push(eb('siren', '=', probe.siren));
          return eb.or(ors);
        })
        .limit(20)
        .execute();
      const out: DuplicateCandidate[] = [];
      for (const r of rows) {
        const reason = duplicateReason(probe, { id: r.id, name: r.name, siren: r.siren, communeId: r.commune_id });
        if (reason) out.push({ id: r.id, name: r.name, reason });
      }
      return out;
    },
    async existingTerritories(ids) {
      if (ids.length === 0) return [];
      return (
        await db
          .selectFrom('territories')
          .select('id')
          .where('id', 'in', [...ids])
          .execute()
      ).map((r) => r.id);
    },
    async existingOrganisations(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('organisations')
        .select('id')
        .where('id', 'in', [...ids])
        .where('merged_into', 'is', null)
        .execute();
      return rows.map((r) => r.id);
    },
    async usableThemes(ids) {
      if (ids.length === 0) return [];
      return (
        await db
          .selectFrom('eco_themes')
          .select('id')
          .where('id', 'in', [...ids])
          .execute()
      ).map((r) => r.id);
    },
    insertOrganisation: (input, actor, audit) => withAudit(db, audit, (trx) => insertOrganisationRow(trx, input, actor)),
    insertPerson: (input, actor, audit) => withAudit(db, audit, (trx) => insertPersonRow(trx, input, actor)),
    async insertAssessment(input, audit) {
      const [orgA, orgB] = relationKey(input.organisationId, input.partnerId);
      return withAudit(db, audit, async (trx) => {
        const row = await trx
          .insertInto('cooperation_assessments')
          .values({
            org_a: orgA,
            org_b: orgB,
            on_behalf_of: input.organisationId,
            level: input.level,
            assessed_on: input.assessedOn,
            note: input.note,
            assessed_by: input.assessedBy,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
    },
    async organisationProbe(id) {
      const row = await db
        .selectFrom('organisations')
        .select(['name', 'siren', 'commune_id'])
        .where('id', '=', id)
        .where('merged_into', 'is', null)
        .executeTakeFirst();
      return row ? { name: row.name, siren: row.siren, communeId: row.commune_id } : null;
    },
    async updateOrganisation(id, input, audit) {
      await withAudit(db, audit, async (trx) => {
        // The row's lock first, as an acceptance takes it: a proposal is judged on the record as written.
        await trx.selectFrom('organisations').select('id').where('id', '=', id).forUpdate().execute();
        await writeOrganisationFields(trx, id, input);
      });
    },
    async mergeOrganisations(keepId, duplicateId, audit) {
      await withAudit(db, audit, async (trx) => {
        for (const table of ['organisation_territories', 'organisation_themes', 'person_organisations'] as const) {
          const column = table === 'organisation_territories' ? 'territory_id' : table === 'organisation_themes' ? 'theme_id' : 'person_id';
          await sql`insert into ${sql.table(table)} (organisation_id, ${sql.ref(column)})
            select ${keepId}::uuid, ${sql.ref(column)} from ${sql.table(table)} where organisation_id = ${duplicateId}
            on conflict do nothing`.execute(trx);
          await sql`delete from ${sql.table(table)} where organisation_id = ${duplicateId}`.execute(trx);
        }
        // Relations: rewrite each assessment onto the kept organisation, re-ordering the pair;
        // assessments between the two merged organisations themselves are dropped.
        await sql`delete from cooperation_assessments
          where (org_a = ${keepId} and org_b = ${duplicateId}) or (org_a = ${duplicateId} and org_b = ${keepId})`.execute(trx);
        await sql`update cooperation_assessments set
            org_a = least(case when org_a = ${duplicateId} then ${keepId}::uuid else org_a end, case when org_b = ${duplicateId} then ${keepId}::uuid else org_b end),
            org_b = greatest(case when org_a = ${duplicateId} then ${keepId}::uuid else org_a end, case when org_b = ${duplicateId} then ${keepId}::uuid else org_b end),
            on_behalf_of = case when on_behalf_of = ${duplicateId} then ${keepId}::uuid else on_behalf_of end
          where org_a = ${duplicateId} or org_b = ${duplicateId}`.execute(trx);
        // Rewritten assessments do not fire the insert trigger: rebuild the two organisations' sides.
        await sql`delete from relation_sides where org_a in (${keepId}, ${duplicateId}) or org_b in (${keepId}, ${duplicateId})`.execute(
          trx,
        );
        await sql`insert into relation_sides (org_a, org_b, on_behalf_of, level, assessed_on, seq)
          select distinct on (org_a, org_b, on_behalf_of) org_a, org_b, on_behalf_of, level, assessed_on, seq
          from cooperation_assessments where org_a = ${keepId} or org_b = ${keepId}
          order by org_a, org_b, on_behalf_of, assessed_on desc, seq desc`.execute(trx);
        // Fill what the kept record lacks from the duplicate.
        await sql`update organisations k set
            siren = coalesce(k.siren, d.siren), siret = coalesce(k.siret, d.siret), rna = coalesce(k.rna, d.rna),
            commune_id = coalesce(k.commune_id, d.commune_id), description = coalesce(k.description, d.description),
            address = coalesce(k.address, d.address), website = coalesce(k.website, d.website),
            public_email = coalesce(k.public_email, d.public_email), public_phone = coalesce(k.public_phone, d.public_phone),
            updated_at = now(), version = k.version + 1
          from organisations d where k.id = ${keepId} and d.id = ${duplicateId}`.execute(trx);
        await trx.updateTable('organisations').set({ merged_into: keepId, updated_at: new Date() }).where('id', '=', duplicateId).execute();
        await trx.updateTable('organisations').set({ merged_into: keepId }).where('merged_into', '=', duplicateId).execute();
      });
    },
  };
}
