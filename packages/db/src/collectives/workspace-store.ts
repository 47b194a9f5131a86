import {
  type AuditEntryInput,
  type CollectiveHistoryView,
  type CollectiveStepView,
  type CollectiveWorkspaceRecord,
  type CollectivesWorkspaceRepo,
  emptySection,
  type HistoryLine,
  type MemberRecord,
  type MemberRole,
  type SectionCommentView,
  SHEET_SECTION_TITLES,
  SHEET_SECTIONS,
  type SheetSection,
  type SheetSectionView,
  type StepStatus,
  type SupportRequestView,
  stepOverdue,
} from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import { withAudit, writeAudit } from '../accounts/store';
import { nameOf, writeHistory } from './history';
import type { DB } from '../schema';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs a change with its history line and its audit entry in one transaction. */
async function change<T>(
  db: Kysely<DB>,
  collectiveId: string,
  by: { userId: string | null; at: Date },
  run: (trx: Kysely<DB>, authorName: string | null) => Promise<T | undefined>,
  history: HistoryLine | ((result: T, authorName: string | null) => HistoryLine),
  audit: AuditEntryInput | ((result: T) => AuditEntryInput),
): Promise<T | undefined> {
  return db.transaction().execute(async (trx) => {
    const name = await nameOf(trx, by.userId);
    const result = await run(trx, name);
    // Nothing changed (the row was not found): no line, no entry.
    if (result === undefined) return result;
    return withAudit(trx, typeof audit === 'function' ? audit(result) : audit, async (t) => {
      await writeHistory(t, collectiveId, by, name, typeof history === 'function' ? history(result, name) : history);
      return result;
    });
  });
}

function memberQuery(db: Kysely<DB>) {
  return db
    .selectFrom('collective_members as m')
    .leftJoin('people as p', 'p.id', 'm.person_id')
    .select([
      'm.id',
      'm.collective_id',
      'm.position',
      'm.display_name',
      'm.person_id',
      'm.organisation_id',
      'm.organisation_name',
      // A person of the ecosystem is reached through her own record (kept with her consent).
      sql<string | null>`coalesce(m.email, p.email)`.as('email'),
      sql<string | null>`coalesce(m.phone, p.phone)`.as('phone'),
      'm.roles',
      'm.custom_roles',
      'm.joined_at',
      'm.left_at',
      'm.user_id',
      'm.invited_at',
    ]);
}
type MemberRow = Awaited<ReturnType<ReturnType<typeof memberQuery>['executeTakeFirstOrThrow']>>;

function toMember(r: MemberRow): MemberRecord {
  return {
    id: r.id,
    name: r.display_name,
    personId: r.person_id,
    organisation: r.organisation_name ? { id: r.organisation_id, name: r.organisation_name } : null,
    roles: r.roles as MemberRole[],
    customRoles: r.custom_roles,
    email: r.email,
    phone: r.phone,
    joinedAt: iso(r.joined_at),
    leftAt: isoOrNull(r.left_at),
    hasAccount: r.user_id !== null,
    invitedAt: isoOrNull(r.invited_at),
    userId: r.user_id,
  };
}

async function readSections(db: Kysely<DB>, collectiveId: string, only?: SheetSection): Promise<SheetSectionView[]> {
  let q = db.selectFrom('collective_sections').selectAll().where('collective_id', '=', collectiveId);
  if (only) q = q.where('section', '=', only);
  const [rows, open] = await Promise.all([
    q.execute(),
    db
      .selectFrom('collective_comments')
      .select(['section', sql<number>`count(*)::int`.as('n')])
      .where('collective_id', '=', collectiveId)
      .where('resolved_at', 'is', null)
      .groupBy('section')
      .execute(),
  ]);
  return (only ? [only] : SHEET_SECTIONS).map((section) => {
    const row = rows.find((r) => r.section === section);
    return {
      section,
      title: SHEET_SECTION_TITLES[section].fr,
      content: row ? { ...emptySection(section), ...row.content } : emptySection(section),
      version: row?.version ?? 0,
      updatedAt: row ? iso(row.updated_at) : null,
      updatedBy: row?.updated_by_name ?? null,
      openComments: Number(open.find((o) => o.section === section)?.n ?? 0),
    } as SheetSectionView;
  });
}

function stepQuery(db: Kysely<DB>) {
  return db
    .selectFrom('collective_steps as s')
    .leftJoin('collective_members as m', 'm.id', 's.owner_member_id')
    .select([
      's.id',
      's.collective_id',
      's.title',
      's.owner_member_id',
      'm.display_name as owner_name',
      's.due_on',
      's.status',
      's.created_at',
      's.done_at',
    ])
    .orderBy(sql`s.due_on nulls last`)
    .orderBy('s.created_at');
}
type StepRow = Awaited<ReturnType<ReturnType<typeof stepQuery>['executeTakeFirstOrThrow']>>;

function toStep(r: StepRow, today: string): CollectiveStepView {
  const status = r.status as StepStatus;
  return {
    id: r.id,
    title: r.title,
    owner: r.owner_member_id ? { memberId: r.owner_member_id, name: r.owner_name ?? '' } : null,
    dueOn: r.due_on,
    status,
    overdue: stepOverdue({ dueOn: r.due_on, status }, today),
    createdAt: iso(r.created_at),
    doneAt: isoOrNull(r.done_at),
  };
}

function requestQuery(db: Kysely<DB>) {
  return db
    .selectFrom('collective_support_requests as r')
    .innerJoin('collectives as c', 'c.id', 'r.collective_id')
    .select([
      'r.id',
      'r.collective_id',
      'c.name as collective_name',
      'c.territory_id',
      'r.kind',
      'r.text',
      'r.status',
      'r.answer',
      'r.asked_by_name',
      'r.asked_at',
      'r.answered_by_name',
      'r.answered_at',
    ]);
}
type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

function toRequest(r: RequestRow): SupportRequestView {
  return {
    id: r.id,
    collectiveId: r.collective_id,
    collectiveName: r.collective_name,
    territoryId: r.territory_id,
    kind: r.kind as SupportRequestView['kind'],
    text: r.text,
    status: r.status as SupportRequestView['status'],
    answer: r.answer,
    askedBy: r.asked_by_name,
    askedAt: iso(r.asked_at),
    answeredBy: r.answered_by_name,
    answeredAt: isoOrNull(r.answered_at),
  };
}

function toComment(r: {
  id: string;
  section: string;
  text: string;
  author_name: string | null;
  at: Date;
  resolved_at: Date | null;
}): SectionCommentView {
  return {
    id: r.id,
    section: r.section as SheetSection,
    text: r.text,
    author: r.author_name,
    at: iso(r.at),
    resolved: r.resolved_at !== null,
  };
}

/** The first organisation of a person (by name), to show beside her in a collective. */
async function organisationOfPerson(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('person_organisations as po')
    .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
    .select(['o.id', 'o.name'])
    .where('po.person_id', '=', personId)
    .orderBy('o.search_key')
    .orderBy('o.name')
    .executeTakeFirst();
}

async function insertMember(
  trx: Kysely<DB>,
  collectiveId: string,
  at: Date,
  m: {
    name: string;
    personId: string | null;
    organisationName: string | null;
    email: string | null;
    phone: string | null;
    roles: readonly string[];
    customRoles: readonly string[];
  },
): Promise<string> {
  let name = m.name;
  let organisation: { id: string | null; name: string } | null = m.organisationName ? { id: null, name: m.organisationName } : null;
  if (m.personId) {
    const person = await trx.selectFrom('people').select('name').where('id', '=', m.personId).executeTakeFirstOrThrow();
    name = person.name;
    organisation = (await organisationOfPerson(trx, m.personId)) ?? organisation;
  }
  // The next position under the collective's row lock: two members added at once get two seats.
  await trx.selectFrom('collectives').select('id').where('id', '=', collectiveId).forUpdate().execute();
  const next = await trx
    .selectFrom('collective_members')
    .select(sql<number>`coalesce(max(position), -1) + 1`.as('p'))
    .where('collective_id', '=', collectiveId)
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('collective_members')
    .values({
      collective_id: collectiveId,
      position: Number(next.p),
      display_name: name,
      person_id: m.personId,
      live_participant_id: null,
      organisation_id: organisation?.id ?? null,
      organisation_name: organisation?.name ?? null,
      email: m.email,
      phone: m.phone,
      roles: JSON.stringify(m.roles),
      custom_roles: JSON.stringify(m.customRoles),
      joined_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The policy context of a collective: its territory and the accounts of its current members. */
export async function collectiveContext(
  db: Kysely<DB>,
  id: string,
): Promise<{ territoryId: string; collectiveMemberUserIds: string[] } | undefined> {
  if (!UUID.test(id)) return undefined;
  const c = await db.selectFrom('collectives').select('territory_id').where('id', '=', id).executeTakeFirst();
  if (!c) return undefined;
  const members = await db
    .selectFrom('collective_members')
    .select('user_id')
    .where('collective_id', '=', id)
    .where('user_id', 'is not', null)
    .where('left_at', 'is', null)
    .execute();
  return { territoryId: c.territory_id, collectiveMemberUserIds: members.map((m) => m.user_id as string) };
}

/** Progress figures of many collectives at once (the list), read in three queries. */
export async function progressInputs(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, Pick<CollectiveWorkspaceRecord, 'sections' | 'steps' | 'openRequests'>>> {
  const out = new Map<string, { sections: SheetSectionView[]; steps: CollectiveStepView[]; openRequests: number }>();
  for (const id of ids) out.set(id, { sections: [], steps: [], openRequests: 0 });
  if (ids.length === 0) return out;
  const [sections, steps, requests] = await Promise.all([
    db
      .selectFrom('collective_sections')
      .select(['collective_id', 'section', 'version', 'content'])
      .where('collective_id', 'in', ids)
      .execute(),
    db.selectFrom('collective_steps').select(['collective_id', 'due_on', 'status']).where('collective_id', 'in', ids).execute(),
    db
      .selectFrom('collective_support_requests')
      .select(['collective_id', sql<number>`count(*)::int`.as('n')])
      .where('collective_id', 'in', ids)
      .where('status', 'in', ['ouverte', 'en_cours'])
      .groupBy('collective_id')
      .execute(),
  ]);
  for (const s of sections) {
    out.get(s.collective_id)?.sections.push({
      section: s.section,
      content: { ...emptySection(s.section as SheetSection), ...s.content },
      version: s.version,
    } as unknown as SheetSectionView);
  }
  for (const s of steps) {
    out.get(s.collective_id)?.steps.push({ dueOn: s.due_on, status: s.status } as unknown as CollectiveStepView);
  }
  for (const r of requests) {
    const entry = out.get(r.collective_id);
    if (entry) entry.openRequests = Number(r.n);
  }
  return out;
}

/** The collectives' workspaces on PostgreSQL or PGlite. */
export function collectivesWorkspaceRepo(db: Kysely<DB>): CollectivesWorkspaceRepo {
  const member = async (collectiveId: string, memberId: string, on: Kysely<DB> = db) => {
    if (!UUID.test(memberId)) return undefined;
    const row = await memberQuery(on).where('m.collective_id', '=', collectiveId).where('m.id', '=', memberId).executeTakeFirst();
    return row ? toMember(row) : undefined;
  };
  const step = async (collectiveId: string, stepId: string, today: string, on: Kysely<DB> = db) => {
    if (!UUID.test(stepId)) return undefined;
    const row = await stepQuery(on).where('s.collective_id', '=', collectiveId).where('s.id', '=', stepId).executeTakeFirst();
    return row ? toStep(row, today) : undefined;
  };
  const request = async (on: Kysely<DB>, collectiveId: string, requestId: string) => {
    const row = await requestQuery(on).where('r.collective_id', '=', collectiveId).where('r.id', '=', requestId).executeTakeFirst();
    return row ? toRequest(row) : undefined;
  };
  return {
    async head(collectiveId) {
      if (!UUID.test(collectiveId)) return undefined;
      const row = await db
        .selectFrom('collectives')
        .select(['id', 'territory_id', 'name'])
        .where('id', '=', collectiveId)
        .executeTakeFirst();
      return row ? { id: row.id, territoryId: row.territory_id, name: row.name } : undefined;
    },

    async workspace(collectiveId, today) {
      if (!UUID.test(collectiveId)) return undefined;
      const c = await db
        .selectFrom('collectives as c')
        .innerJoin('territories as t', 't.id', 'c.territory_id')
        .selectAll('c')
        .select('t.name as territory_name')
        .leftJoin('live_rooms as r', 'r.id', 'c.origin_room_id')
        .leftJoin('event_sessions as s', 's.id', 'r.event_session_id')
        .leftJoin('events as e', 'e.id', 's.event_id')
        .select(['r.title as room_title', 'e.id as event_id', 'e.title as event_title'])
        .where('c.id', '=', collectiveId)
        .executeTakeFirst();
      if (!c) return undefined;
      const [members, answers, sections, steps, open] = await Promise.all([
        memberQuery(db).where('m.collective_id', '=', collectiveId).orderBy('m.position').execute(),
        db
          .selectFrom('collective_answers')
          .select(['question', 'answer', 'updated_at'])
          .where('collective_id', '=', collectiveId)
          .orderBy('question')
          .execute(),
        readSections(db, collectiveId),
        stepQuery(db).where('s.collective_id', '=', collectiveId).execute(),
        db
          .selectFrom('collective_support_requests')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('collective_id', '=', collectiveId)
          .where('status', 'in', ['ouverte', 'en_cours'])
          .executeTakeFirstOrThrow(),
      ]);
      // The pairs of the current members' organisations, with the ecosystem's latest level (read, not copied).
      const orgs = new Map<string, string>();
      for (const m of members) if (!m.left_at && m.organisation_id && m.organisation_name) orgs.set(m.organisation_id, m.organisation_name);
      const ids = [...orgs.keys()].sort();
      const sides =
        ids.length > 1
          ? await db
              .selectFrom('relation_sides')
              .select(['org_a', 'org_b', 'level', 'assessed_on', 'seq'])
              .where('org_a', 'in', ids)
              .where('org_b', 'in', ids)
              .execute()
          : [];
      const pairs: CollectiveWorkspaceRecord['pairs'][number][] = [];
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const a = ids[i] as string;
          const b = ids[j] as string;
          const latest = sides
            .filter((s) => s.org_a === a && s.org_b === b)
            .sort((x, y) => (x.assessed_on === y.assessed_on ? Number(y.seq) - Number(x.seq) : x.assessed_on < y.assessed_on ? 1 : -1))[0];
          pairs.push({
            a: { id: a, name: orgs.get(a) as string },
            b: { id: b, name: orgs.get(b) as string },
            level: latest?.level ?? null,
            assessedAt: latest ? String(latest.assessed_on).slice(0, 10) : null,
          });
        }
      }
      return {
        id: c.id,
        territoryId: c.territory_id,
        territoryName: c.territory_name,
        name: c.name,
        urgency: c.urgency,
        themes: c.themes,
        createdAt: iso(c.created_at),
        originRoomId: c.origin_room_id,
        origin: c.origin_room_id
          ? {
              roomId: c.origin_room_id,
              roomTitle: c.room_title ?? '',
              event: c.event_id ? { id: c.event_id, title: c.event_title ?? '' } : null,
            }
          : null,
        members: members.map(toMember),
        answers: answers.map((a) => ({ question: a.question, answer: a.answer, updatedAt: iso(a.updated_at) })),
        sections,
        steps: steps.map((s) => toStep(s, today)),
        openRequests: Number(open.n),
        pairs,
      };
    },

    async organisationNames(ids) {
      const valid = ids.filter((id) => UUID.test(id));
      if (valid.length === 0) return new Map();
      const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', valid).execute();
      return new Map(rows.map((o) => [o.id, o.name]));
    },

    sheet: (collectiveId) => readSections(db, collectiveId),

    async section(collectiveId, section) {
      return (await readSections(db, collectiveId, section))[0] as SheetSectionView;
    },

    async saveSection(input, history, audit) {
      return db.transaction().execute(async (trx) => {
        const name = await nameOf(trx, input.by.userId);
        const version = input.baseVersion + 1;
        const values = {
          content: JSON.stringify(input.content),
          updated_at: input.by.at,
          updated_by: input.by.userId,
          updated_by_name: name,
        };
        // Compare and write in one statement: a concurrent save from the same base waits for this
        // row, then finds its version moved on (PostgreSQL re-checks the condition) and writes nothing.
        const written =
          input.baseVersion === 0
            ? await trx
                .insertInto('collective_sections')
                .values({ collective_id: input.collectiveId, section: input.section, version, ...values })
                .onConflict((oc) => oc.columns(['collective_id', 'section']).doNothing())
                .returning('version')
                .executeTakeFirst()
            : await trx
                .updateTable('collective_sections')
                .set({ version, ...values })
                .where('collective_id', '=', input.collectiveId)
                .where('section', '=', input.section)
                .where('version', '=', input.baseVersion)
                .returning('version')
                .executeTakeFirst();
        if (!written) return { conflict: (await readSections(trx, input.collectiveId, input.section))[0] as SheetSectionView };
        await trx
          .insertInto('collective_section_revisions')
          .values({
            collective_id: input.collectiveId,
            section: input.section,
            version,
            content: JSON.stringify(input.content),
            author_user_id: input.by.userId,
            author_name: name,
            at: input.by.at,
            restored_from: input.restoredFrom,
          })
          .execute();
        return withAudit(trx, audit(version), async (t) => {
          await writeHistory(t, input.collectiveId, input.by, name, history(version));
          return { saved: (await readSections(t, input.collectiveId, input.section))[0] as SheetSectionView };
        });
      });
    },

    async revisions(collectiveId, section) {
      const rows = await db
        .selectFrom('collective_section_revisions')
        .selectAll()
        .where('collective_id', '=', collectiveId)
        .where('section', '=', section)
        .orderBy('version', 'desc')
        .execute();
      return rows.map((r) => ({
        version: r.version,
        content: r.content,
        at: iso(r.at),
        author: r.author_name,
        restoredFrom: r.restored_from,
      }));
    },

    async comments(collectiveId, section) {
      const rows = await db
        .selectFrom('collective_comments')
        .select(['id', 'section', 'text', 'author_name', 'at', 'resolved_at'])
        .where('collective_id', '=', collectiveId)
        .where('section', '=', section)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map(toComment);
    },

    async addComment(input, audit) {
      return db.transaction().execute(async (trx) => {
        const name = await nameOf(trx, input.by.userId);
        const row = await trx
          .insertInto('collective_comments')
          .values({
            collective_id: input.collectiveId,
            section: input.section,
            text: input.text,
            author_user_id: input.by.userId,
            author_name: name,
            at: input.by.at,
          })
          .returning(['id', 'section', 'text', 'author_name', 'at', 'resolved_at'])
          .executeTakeFirstOrThrow();
        await writeAudit(trx, { ...audit, details: { ...audit.details, commentId: row.id } });
        return toComment(row);
      });
    },

    async resolveComment(input, audit) {
      if (!UUID.test(input.commentId)) return undefined;
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('collective_comments')
          .set({ resolved_at: input.resolved ? input.by.at : null, resolved_by: input.resolved ? input.by.userId : null })
          .where('collective_id', '=', input.collectiveId)
          .where('id', '=', input.commentId)
          .returning(['id', 'section', 'text', 'author_name', 'at', 'resolved_at'])
          .executeTakeFirst();
        if (!row) return undefined;
        await writeAudit(trx, audit);
        return toComment(row);
      });
    },

    async history(collectiveId) {
      const rows = await db
        .selectFrom('collective_history')
        .select(['at', 'author_name', 'kind', 'section', 'version', 'summary'])
        .where('collective_id', '=', collectiveId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(
        (r): CollectiveHistoryView => ({
          at: iso(r.at),
          author: r.author_name,
          kind: r.kind as CollectiveHistoryView['kind'],
          section: r.section as SheetSection | null,
          version: r.version,
          summary: r.summary,
        }),
      );
    },

    member: (collectiveId, memberId) => member(collectiveId, memberId),

    async addMember(input, history, audit) {
      const added = await change(
        db,
        input.collectiveId,
        input.by,
        async (trx) => member(input.collectiveId, await insertMember(trx, input.collectiveId, input.by.at, input.member), trx),
        (m) => ({ ...history, memberId: m.id, summary: `a ajouté ${m.name}` }),
        (m) => ({ ...audit, details: { ...audit.details, memberId: m.id } }),
      );
      return added as MemberRecord;
    },

    async updateMember(input, history, audit) {
      const c = input.changes;
      return change(
        db,
        input.collectiveId,
        input.by,
        async (trx) => {
          const set = {
            ...(c.organisationName !== undefined ? { organisation_name: c.organisationName || null, organisation_id: null } : {}),
            ...(c.email !== undefined ? { email: c.email || null } : {}),
            ...(c.phone !== undefined ? { phone: c.phone || null } : {}),
            ...(c.roles !== undefined ? { roles: JSON.stringify(c.roles) } : {}),
            ...(c.customRoles !== undefined ? { custom_roles: JSON.stringify(c.customRoles) } : {}),
          };
          if (Object.keys(set).length) {
            await trx
              .updateTable('collective_members')
              .set(set)
              .where('collective_id', '=', input.collectiveId)
              .where('id', '=', input.memberId)
              .execute();
          }
          return member(input.collectiveId, input.memberId, trx);
        },
        history,
        audit,
      );
    },

    async removeMember(input, history, audit) {
      return change(
        db,
        input.collectiveId,
        input.by,
        async (trx) => {
          await trx
            .updateTable('collective_members')
            .set({ left_at: input.by.at })
            .where('collective_id', '=', input.collectiveId)
            .where('id', '=', input.memberId)
            .where('left_at', 'is', null)
            .execute();
          return member(input.collectiveId, input.memberId, trx);
        },
        history,
        audit,
      );
    },

    async inviteMember(input, history, audit) {
      let invitationId = '';
      const invited = await change(
        db,
        input.collectiveId,
        input.by,
        async (trx) => {
          const invitation = await trx
            .insertInto('invitations')
            .values({
              token_hash: input.tokenHash,
              email: input.email,
              role: 'member',
              territory_id: input.territoryId,
              title: null,
              invited_by: input.by.userId,
              expires_at: input.expiresAt,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          invitationId = invitation.id;
          await trx
            .updateTable('collective_members')
            .set({ invitation_id: invitation.id, invited_at: input.by.at })
            .where('collective_id', '=', input.collectiveId)
            .where('id', '=', input.memberId)
            .execute();
          return member(input.collectiveId, input.memberId, trx);
        },
        history,
        () => audit(invitationId),
      );
      return invited as MemberRecord;
    },

    async steps(collectiveId, today) {
      return (await stepQuery(db).where('s.collective_id', '=', collectiveId).execute()).map((r) => toStep(r, today));
    },

    step: (collectiveId, stepId, today) => step(collectiveId, stepId, today),

    async addStep(input, history, audit) {
      const added = await change(
        db,
        input.collectiveId,
        input.by,
        async (trx) => {
          const row = await trx
            .insertInto('collective_steps')
            .values({
              collective_id: input.collectiveId,
              title: input.title,
              owner_member_id: input.ownerMemberId,
              due_on: input.dueOn,
              created_at: input.by.at,
              created_by: input.by.userId,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          return step(input.collectiveId, row.id, input.today, trx);
        },
        history,
        (s) => ({ ...audit, details: { ...audit.details, stepId: s.id } }),
      );
      return added as CollectiveStepView;
    },

    async updateStep(input, history, audit) {
      const c = input.changes;
      return change(
        db,
        input.collectiveId,
        input.by,
        async (trx) => {
          const set = {
            ...(c.title !== undefined ? { title: c.title } : {}),
            ...(c.ownerMemberId !== undefined ? { owner_member_id: c.ownerMemberId } : {}),
            ...(c.dueOn !== undefined ? { due_on: c.dueOn } : {}),
            ...(c.status !== undefined ? { status: c.status, done_at: c.status === 'fait' ? input.by.at : null } : {}),
          };
          if (Object.keys(set).length) {
            await trx
              .updateTable('collective_steps')
              .set(set)
              .where('collective_id', '=', input.collectiveId)
              .where('id', '=', input.stepId)
              .execute();
          }
          return step(input.collectiveId, input.stepId, input.today, trx);
        },
        history,
        audit,
      );
    },

    async deleteStep(input, history, audit) {
      const deleted = await change(
        db,
        input.collectiveId,
        input.by,
        async (trx) => {
          const result = await trx
            .deleteFrom('collective_steps')
            .where('collective_id', '=', input.collectiveId)
            .where('id', '=', input.stepId)
            .executeTakeFirst();
          return Number(result.numDeletedRows) > 0 ? true : undefined;
        },
        history,
        audit,
      );
      return deleted === true;
    },

    async requests(filter) {
      let q = requestQuery(db);
      if ('collectiveId' in filter) q = q.where('r.collective_id', '=', filter.collectiveId);
      else {
        if (filter.territoryIds.length === 0) return [];
        q = q.where('c.territory_id', 'in', filter.territoryIds);
        if (filter.status) q = q.where('r.status', '=', filter.status);
      }
      const rows = await q
        .orderBy(sql`case r.status when 'ouverte' then 0 when 'en_cours' then 1 else 2 end`)
        .orderBy('r.asked_at', 'desc')
        .execute();
      return rows.map(toRequest);
    },

    async askSupport(input, history, audit) {
      const asked = await change(
        db,
        input.collectiveId,
        input.by,
        async (trx, name) => {
          const row = await trx
            .insertInto('collective_support_requests')
            .values({
              collective_id: input.collectiveId,
              kind: input.kind,
              text: input.text,
              asked_by: input.by.userId,
              asked_by_name: name,
              asked_at: input.by.at,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          return request(trx, input.collectiveId, row.id);
        },
        history,
        (r) => ({ ...audit, details: { ...audit.details, requestId: r.id } }),
      );
      return asked as SupportRequestView;
    },

    async answerSupport(input, history, audit) {
      if (!UUID.test(input.requestId)) return undefined;
      return change(
        db,
        input.collectiveId,
        input.by,
        async (trx, name) => {
          const row = await trx
            .updateTable('collective_support_requests')
            .set({
              status: input.status,
              answer: input.answer || null,
              answered_by: input.by.userId,
              answered_by_name: name,
              answered_at: input.by.at,
            })
            .where('collective_id', '=', input.collectiveId)
            .where('id', '=', input.requestId)
            .returning('id')
            .executeTakeFirst();
          return row ? request(trx, input.collectiveId, row.id) : undefined;
        },
        history,
        audit,
      );
    },

    async createCollective(input, history, audit) {
      return db.transaction().execute(async (trx) => {
        const name = await nameOf(trx, input.by.userId);
        const row = await trx
          .insertInto('collectives')
          .values({
            territory_id: input.territoryId,
            name: input.name,
            urgency: input.urgency,
            themes: JSON.stringify(input.themes),
            origin_room_id: null,
            origin_activity_id: null,
            origin_number: null,
            created_by: input.by.userId,
            created_at: input.by.at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeHistory(trx, row.id, input.by, name, history);
        for (const personId of input.personIds) {
          const memberId = await insertMember(trx, row.id, input.by.at, {
            name: '',
            personId,
            organisationName: null,
            email: null,
            phone: null,
            roles: [],
            customRoles: [],
          });
          const m = await member(row.id, memberId, trx);
          await writeHistory(trx, row.id, input.by, name, { kind: 'member_added', memberId, summary: `a ajouté ${m?.name ?? ''}` });
        }
        await writeAudit(trx, audit(row.id));
        return row.id;
      });
    },

    async updateCollective(input, history, audit) {
      await change(
        db,
        input.collectiveId,
        input.by,
        async (trx) => {
          const set = {
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.urgency !== undefined ? { urgency: input.urgency } : {}),
            ...(input.themes !== undefined ? { themes: JSON.stringify(input.themes) } : {}),
          };
          if (Object.keys(set).length) await trx.updateTable('collectives').set(set).where('id', '=', input.collectiveId).execute();
          return true;
        },
        history,
        audit,
      );
    },
  };
}
