import { type Action, type Actor, can, type PolicyContext } from '@maillage/core';
import {
  applicationContext,
  barometerRunContext,
  callContext,
  cofunderContext,
  collectiveContext,
  eventsRepo,
  findCodevRecord,
  indicatorContext,
  liveRepo,
  observedChangeContext,
  organisationsContext,
  pathwayContext,
  personContext,
} from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from './problem';
import type { ProblemCode } from './problems';

/**
 * Every id a request names, and how it is authorised.
 *
 * A route declares, for each field of its path, query or body that names an object, one of:
 * - `kind`: the object is looked up and the caller must be allowed the action (the route's, or
 *   `action`) on THAT object's own context: every id named is checked, one by one, so naming one
 *   object of one's own territory never lends its rights to another one;
 * - `checkedBy`: the handler looks the id up inside an object already authorised (an activity
 *   inside its room, a session inside its event) or checks it itself; the reason is said;
 * - `unscoped`: naming any such object is legitimate (reading the national directory, a public
 *   join code); the reason is said.
 *
 * `authorization.test.ts` checks that every id-like field of every route is declared, and, for
 * every declaration but `unscoped`, sends the object of another territory in its place and
 * expects a refusal.
 */
export type RefKind =
  | 'territory'
  | 'organisation'
  | 'person'
  | 'event'
  | 'session'
  | 'room'
  | 'collective'
  | 'theme'
  | 'user'
  | 'invitation'
  | 'pathway'
  | 'codev'
  | 'indicator'
  | 'observedChange'
  | 'barometerRun'
  | 'call'
  | 'application'
  | 'cofunder';

/** Where an id sits: `params.id`, `query.territoryId`, `body.organisationIds`, `body.hosts[].participantId`. */
export type RefPath = `${'params' | 'query' | 'body'}.${string}`;

export type RefDecl =
  | { readonly at: RefPath; readonly kind: RefKind; readonly action?: Action }
  | { readonly at: RefPath; readonly checkedBy: string }
  | { readonly at: RefPath; readonly unscoped: string };

/** A resolved object: the context the policy judges it on, `open` when anyone may name it, undefined when it does not exist. */
type Resolved = PolicyContext | 'open' | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound: Record<RefKind, ProblemCode> = {
  territory: 'territory_not_found',
  organisation: 'organisation_not_found',
  person: 'person_not_found',
  event: 'event_not_found',
  session: 'event_not_found',
  room: 'live_room_not_found',
  collective: 'collective_not_found',
  theme: 'theme_not_found',
  user: 'user_not_found',
  invitation: 'invitation_not_found',
  pathway: 'pathway_not_found',
  codev: 'codev_record_not_found',
  indicator: 'indicator_unknown',
  observedChange: 'observed_change_not_found',
  barometerRun: 'barometer_run_not_found',
  call: 'call_not_found',
  application: 'application_not_found',
  cofunder: 'cofunder_not_found',
};

const resolvers: Record<RefKind, (deps: AppDeps, id: string) => Promise<Resolved>> = {
  async territory(deps, id) {
    if (!UUID.test(id)) return undefined;
    const row = await deps.store.db.selectFrom('territories').select('id').where('id', '=', id).executeTakeFirst();
    return row ? { territoryId: row.id, territoryIds: [row.id] } : undefined;
  },
  async organisation(deps, id) {
    if (!UUID.test(id)) return undefined;
    const row = await deps.store.db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst();
    return row ? organisationsContext(deps.store.db, [id]) : undefined;
  },
  async person(deps, id) {
    if (!UUID.test(id)) return undefined;
    const { exists, ...ctx } = await personContext(deps.store.db, id);
    return exists ? ctx : undefined;
  },
  async event(deps, idOrSlug) {
    const repo = eventsRepo(deps.store.db);
    const event = (await repo.findEvent(idOrSlug)) ?? (await repo.findEventBySlug(idOrSlug));
    return event ? { territoryId: event.territoryId } : undefined;
  },
  async session(deps, id) {
    if (!UUID.test(id)) return undefined;
    const row = await deps.store.db
      .selectFrom('event_sessions as s')
      .innerJoin('events as e', 'e.id', 's.event_id')
      .select('e.territory_id')
      .where('s.id', '=', id)
      .executeTakeFirst();
    return row ? { territoryId: row.territory_id } : undefined;
  },
  async room(deps, id) {
    const room = await liveRepo(deps.store.db).findRoomById(id);
    return room ? { territoryId: room.territoryId } : undefined;
  },
  // Its territory, and the accounts of its current members (who may read and edit it).
  collective: (deps, id) => collectiveContext(deps.store.db, id),
  async theme(deps, id) {
    if (!UUID.test(id)) return undefined;
    const row = await deps.store.db.selectFrom('eco_themes').select('territory_id').where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    // A national theme is everyone's; a territory's own theme is used by those who work there.
    return row.territory_id ? { territoryId: row.territory_id, territoryIds: [row.territory_id] } : 'open';
  },
  async user(deps, id) {
    if (!UUID.test(id)) return undefined;
    const row = await deps.store.db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst();
    return row ? { ownerUserId: row.id } : undefined;
  },
  /** A co-development record: judged on the territory of the room (or collective) it belongs to. */
  async codev(deps, id) {
    if (!UUID.test(id)) return undefined;
    const r = await findCodevRecord(deps.store.db, id);
    return r ? { territoryId: r.territoryId } : undefined;
  },
  async invitation(deps, id) {
    if (!UUID.test(id)) return undefined;
    const row = await deps.store.db.selectFrom('invitations').select('territory_id').where('id', '=', id).executeTakeFirst();
    return row ? { territoryId: row.territory_id } : undefined;
  },
  async pathway(deps, id) {
    if (!UUID.test(id)) return undefined;
    // A collective's pathway is judged on the collective's territory.
    return pathwayContext(deps.store.db, id);
  },
  async indicator(deps, id) {
    if (!UUID.test(id)) return undefined;
    // Judged on its pathway's territory, its collective's, or its own.
    return indicatorContext(deps.store.db, id);
  },
  async observedChange(deps, id) {
    if (!UUID.test(id)) return undefined;
    return observedChangeContext(deps.store.db, id);
  },
  async barometerRun(deps, id) {
    if (!UUID.test(id)) return undefined;
    return barometerRunContext(deps.store.db, id);
  },
  /** A call: its territory, and the reviewers of its funders (who may read it). */
  call: (deps, id) => callContext(deps.store.db, id),
  /** An application: its call's territory, its applicants' accounts, the reviewers of its track. */
  application: (deps, id) => applicationContext(deps.store.db, id),
  /** A funder of a call: its call's territory and its own reviewers. */
  cofunder: (deps, id) => cofunderContext(deps.store.db, id),
};

/** The string values found at `path` in a request's input (arrays and `[]` segments walked). */
export function valuesAt(input: { params?: unknown; query?: unknown; body?: unknown }, path: RefPath): string[] {
  const out: string[] = [];
  const walk = (value: unknown, segments: readonly string[]): void => {
    if (value === undefined || value === null) return;
    if (segments.length === 0) {
      if (typeof value === 'string') out.push(value);
      else if (Array.isArray(value)) for (const v of value) walk(v, []);
      return;
    }
    const [head, ...rest] = segments as [string, ...string[]];
    if (head.endsWith('[]')) {
      const list = (value as Record<string, unknown>)[head.slice(0, -2)];
      if (Array.isArray(list)) for (const item of list) walk(item, rest);
      return;
    }
    if (typeof value === 'object') walk((value as Record<string, unknown>)[head], rest);
  };
  const [where, ...rest] = path.split('.');
  walk((input as Record<string, unknown>)[where as string], rest);
  return out;
}

/**
 * Decides whether the actor may make this request: the route's own context (when it has one),
 * and every object the request names, each on its own context. Throws the Problem to answer:
 * 401/403 when refused, the object's 404 when an id names nothing.
 */
export async function authorizeRequest(
  actor: Actor,
  spec: {
    readonly action: Action;
    readonly refusal?: ProblemCode;
    readonly refs?: readonly RefDecl[];
    readonly context?: (input: never, deps: AppDeps) => PolicyContext | Promise<PolicyContext>;
  },
  input: { params?: unknown; query?: unknown; body?: unknown },
  deps: AppDeps,
): Promise<void> {
  const refuse = () => new Problem(actor.kind === 'anonymous' ? 'unauthenticated' : (spec.refusal ?? 'forbidden'));
  let checked = 0;
  for (const ref of spec.refs ?? []) {
    if (!('kind' in ref)) continue;
    for (const id of new Set(valuesAt(input, ref.at))) {
      const resolved = await resolvers[ref.kind](deps, id);
      if (resolved === undefined) {
        // Who may not act at all learns nothing about which ids exist.
        if (actor.kind === 'anonymous') throw refuse();
        throw new Problem(notFound[ref.kind], { field: ref.at });
      }
      // An object anyone may name (a national theme) is not a judgement: it does not count.
      if (resolved === 'open') continue;
      checked++;
      if (!can(actor, ref.action ?? spec.action, resolved)) throw refuse();
    }
  }
  // A route with its own context is judged on it too; a route that named nothing is judged on
  // its context or, without one, on an empty one (only what needs no territory passes).
  if (spec.context || checked === 0) {
    const ctx = spec.context ? await spec.context(input as never, deps) : {};
    if (!can(actor, spec.action, ctx)) throw refuse();
  }
}
