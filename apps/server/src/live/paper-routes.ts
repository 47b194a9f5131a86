import { type ActivityState, liveEndpoints as api } from '@maillage/core';
import { Problem } from '../http/problem';
import { defineRoute, type RouteContext } from '../http/route';
import { insideRoomRef, loadedRoom, roomRefs } from './route-kit';
import type { LiveRoomRuntime } from './hub';

// pdfkit costs a third of a second to load: the paper code is loaded on the first PDF asked for.
const paper = () => import('./paper');

const tags = ['animation en direct'];

/** The address a phone opens to join the room (the same as the room's QR code). */
function joinUrl(ctx: RouteContext, code: string): string {
  const base = ctx.deps.config.PUBLIC_URL ?? `${ctx.request.protocol}://${ctx.request.headers.host ?? 'localhost'}`;
  return `${base.replace(/\/$/, '')}/j/${code}`;
}

/** The activity asked for, which must be of one of `kinds`; undefined when none was asked for. */
function asked(rt: LiveRoomRuntime, activityId: string | undefined, kinds: readonly string[]): ActivityState | undefined {
  if (!activityId) return undefined;
  const a = rt.state.activities.get(activityId);
  if (!a) throw new Problem('live_activity_not_found');
  if (!kinds.includes(a.kind)) throw new Problem('live_wrong_kind');
  return a;
}

const paperRoute = (
  _what: 'slips' | 'tables' | 'sheets',
  endpoint: (typeof api)['paperSlips' | 'paperTables' | 'paperSheets'],
  /** The downloaded file's name, in French, before the room's code. */
  file: string,
  summary: string,
  build: (rt: LiveRoomRuntime, ctx: RouteContext, activityId: string | undefined) => Promise<Buffer>,
) =>
  defineRoute({
    ...endpoint,
    summary,
    tags,
    action: 'live.room.facilitate',
    refs: roomRefs(endpoint.url, insideRoomRef('query.activityId')),
    raw: true,
    async handler({ params, query }, ctx) {
      const rt = await loadedRoom(ctx, params.roomId);
      await rt.chain;
      const body = await build(rt, ctx, query.activityId);
      ctx.reply
        .code(200)
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${file}-${rt.record.code}.pdf"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  });

const slips = paperRoute(
  'slips',
  api.paperSlips,
  'fiches',
  'Papier : une fiche par participant (groupe de la mise en route, table à chaque tour du world café, code de la salle)',
  async (rt, ctx, activityId) => {
    const { paperCafe, slipsPdf } = await paper();
    asked(rt, activityId, ['worldcafe']);
    return slipsPdf({ state: rt.state, joinUrl: joinUrl(ctx, rt.record.code) }, paperCafe(rt.state, activityId));
  },
);

const tables = paperRoute(
  'tables',
  api.paperTables,
  'tables-world-cafe',
  'Papier : une affiche par table du world café (thème, hôte, qui s’y assoit à chaque tour, lignes pour la synthèse)',
  async (rt, ctx, activityId) => {
    const { paperCafe, tablesPdf } = await paper();
    asked(rt, activityId, ['worldcafe']);
    return tablesPdf({ state: rt.state, joinUrl: joinUrl(ctx, rt.record.code) }, paperCafe(rt.state, activityId));
  },
);

const sheets = paperRoute(
  'sheets',
  api.paperSheets,
  'feuilles',
  'Papier : les feuilles à remplir à la main (mot-clé par groupe ou par personne, labo d’idées par thème)',
  async (rt, ctx, activityId) => {
    const { sheetsPdf } = await paper();
    const one = asked(rt, activityId, ['keyword', 'ideas']);
    return sheetsPdf({ state: rt.state, joinUrl: joinUrl(ctx, rt.record.code) }, one ? [one] : [...rt.state.activities.values()]);
  },
);

/** Routes of the paper fallback: the PDFs printed for a room without wifi. */
export const paperRoutes = [slips, tables, sheets];
