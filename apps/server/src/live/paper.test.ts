import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableTestStores } from '@maillage/db/testing';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { slipBox } from './paper';
import { facilitatorOn, joinAs, newTerritory } from './test-kit';

const dir = mkdtempSync(join(tmpdir(), 'maillage-paper-'));
let files = 0;

/** Writes the PDF and returns its path, for poppler's tools (an independent reader). */
function saved(bytes: Buffer): string {
  const path = join(dir, `${++files}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

// Text extraction guesses spaces from glyph gaps: around a colon it may drop one.
const flat = (s: string) => s.replace(/\s+/g, ' ').replace(/ ?: ?/g, ' : ').trim();

/** Text of one page, or of one rectangle of it (PDF points: pdftotext reads at 72 dpi). */
function pageText(path: string, page: number, box?: { x: number; y: number; width: number; height: number }): string {
  const crop = box
    ? [
        '-x',
        String(Math.round(box.x)),
        '-y',
        String(Math.round(box.y)),
        '-W',
        String(Math.floor(box.width)),
        '-H',
        String(Math.floor(box.height)),
      ]
    : [];
  return flat(execFileSync('pdftotext', ['-raw', '-f', String(page), '-l', String(page), ...crop, path, '-'], { encoding: 'utf8' }));
}

const pageCount = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);

interface RoomBody {
  code: string;
  activities: {
    id: string;
    kind: string;
    cafe?: {
      tables: { id: string; theme: string; place: string }[];
      hosts: Record<string, string>;
      plan: { table: string; members: string[] }[][] | null;
    };
  }[];
}

const colours = ['Bleu', 'Rouge', 'Vert', 'Violet'];

describe.each(availableTestStores())('paper fallback PDFs on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    territoryId = await newTerritory(t.store);
  });
  afterAll(async () => {
    await t?.close();
  });

  // "Nguyễn Thị Ánh" holds letters the standard PDF fonts lack: the embedded font prints them as written.
  const names = ['Awa Diallo', 'Bruno Lefèvre', 'Chloé Martin', 'Nguyễn Thị Ánh', 'Élodie Roux', 'Farid Benali', 'Gaëlle Ponsot'];
  const tables = [
    { theme: 'Bien-être et parentalité', place: 'Près des fenêtres' },
    { theme: 'Jeunesse et emploi', place: 'Au fond' },
    { theme: 'Accès aux droits', place: '' },
  ];

  async function preparedRoom() {
    const f = await facilitatorOn(t, territoryId);
    const created = await f.call('POST', '/api/live/rooms', { title: 'Journée des quartiers', territoryId });
    const { id: roomId, code } = created.body as { id: string; code: string };
    const ids = new Map<string, string>();
    for (const name of names) {
      const joined = await joinAs(t, code, name);
      expect(joined.status).toBe(201);
      ids.set(joined.body.participantId as string, name);
    }
    const add = async (body: unknown) => {
      const res = await f.call('POST', `/api/live/rooms/${roomId}/activities`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return (res.body as { id: string }).id;
    };
    const icebreaker = await add({ kind: 'icebreaker', prompt: 'Mise en route' });
    const formed = await f.call('POST', `/api/live/rooms/${roomId}/activities/${icebreaker}/groups`, {
      size: 3,
      places: ['Près de la porte', 'Sous la verrière', 'À l’accueil'],
    });
    expect(formed.status).toBe(200);
    return { f, roomId, code, ids, add };
  }

  const pdf = async (f: Awaited<ReturnType<typeof facilitatorOn>>, url: string) => {
    const res = (await f.call('GET', url)).res;
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, json: () => res.json() };
  };

  it('prints a slip per participant with their group, their table at each round (or the table they host) and the room’s code', async () => {
    const { f, roomId, code, add } = await preparedRoom();

    // Before the world café: the slips already give each person their group.
    const early = await pdf(f, `/api/live/rooms/${roomId}/paper/slips.pdf`);
    expect(early.status).toBe(200);
    const earlyText = pageText(saved(early.bytes), 1);
    expect(earlyText).toContain('Mise en route : groupe');
    expect(earlyText).not.toContain('World café');

    const cafe = await add({ kind: 'worldcafe', prompt: 'Que vous inspirent ces thèmes ?', tables, rounds: 2, minutes: 20 });
    const participants = (await f.call('GET', `/api/live/rooms/${roomId}/participants`)).body as {
      id: string;
      name: string;
      group: number;
    }[];
    const host = participants.find((p) => p.name === 'Chloé Martin')!;
    expect(
      (await f.call('PUT', `/api/live/rooms/${roomId}/activities/${cafe}/hosts`, { hosts: [{ table: 't1', participantId: host.id }] }))
        .status,
    ).toBe(200);
    expect((await f.call('POST', `/api/live/rooms/${roomId}/activities/${cafe}/plan`)).status).toBe(200);
    const room = (await f.call('GET', `/api/live/rooms/${roomId}`)).body as RoomBody;
    const plan = room.activities.find((a) => a.id === cafe)?.cafe?.plan;
    expect(plan).toHaveLength(2);
    // A table without a place is given one ("Table 3"): the slips print what the room holds.
    const placed = room.activities.find((a) => a.id === cafe)?.cafe?.tables ?? [];
    expect(placed.map((x) => x.theme)).toEqual(tables.map((x) => x.theme));

    const res = await pdf(f, `/api/live/rooms/${roomId}/paper/slips.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="fiches-${code}.pdf"`);
    const path = saved(res.bytes);
    expect(pageCount(path)).toBe(2); // 7 slips, 6 per sheet

    // The slips come by name; each one's rectangle holds that person's own group and tables.
    const byName = [...participants].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    byName.forEach((p, index) => {
      const box = slipBox(index);
      const text = pageText(path, box.page + 1, box);
      const others = names.filter((n) => n !== p.name);
      expect(text, `slip ${index}`).toContain(p.name);
      for (const other of others) expect(text, `slip ${index} shows only ${p.name}`).not.toContain(other);
      const group = participants.find((x) => x.id === p.id)!.group;
      expect(text).toContain(`Mise en route : groupe ${group} — ${colours[group - 1]}`);
      expect(text).toContain(`code de la salle : ${code}`);
      expect(text).toContain(`/j/${code}`);
      plan!.forEach((round, r) => {
        if (p.id === host.id) {
          expect(text).toContain('Vous êtes hôte de la table 1 — Bien-être et parentalité (Près des fenêtres)');
          expect(text).toContain(`Tour ${r + 1} : hôte de la table 1`);
          return;
        }
        expect(text).not.toContain('hôte');
        const seat = round.findIndex((x) => x.members.includes(p.name));
        const tableIndex = Number(round[seat]?.table.slice(1)) - 1;
        const table = placed[tableIndex]!;
        expect(text, `${p.name}, round ${r + 1}`).toContain(`Tour ${r + 1} : table ${tableIndex + 1} — ${table.theme} (${table.place})`);
      });
    });

    // The QR code of a slip opens the room.
    // Render page 1 at 150 dpi in grey (PGM), cut out the first slip and decode its QR code.
    execFileSync('pdftoppm', ['-gray', '-r', '150', '-f', '1', '-l', '1', path, join(dir, 'slip')]);
    const pgm = readFileSync(join(dir, 'slip-1.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const width = Number(header[1]);
    const pixels = pgm.subarray(header[0].length);
    const first = slipBox(0);
    const [cellW, cellH] = [Math.floor((first.width * 150) / 72), Math.floor((first.height * 150) / 72)];
    const crop = new Uint8ClampedArray(cellW * cellH * 4);
    for (let y = 0; y < cellH; y++) {
      for (let x = 0; x < cellW; x++) {
        const v = pixels[y * width + x]!;
        crop.set([v, v, v, 255], (y * cellW + x) * 4);
      }
    }
    expect(jsQR(crop, cellW, cellH)?.data).toMatch(new RegExp(`/j/${code}$`));
  });

  // One room with a planned world café (a host at table 2), two keyword activities and an idea wall.
  describe('a room ready for the world café, printed on paper', () => {
    let f: Awaited<ReturnType<typeof facilitatorOn>>;
    let roomId: string;
    let code: string;
    let cafe: string;
    let keyword: string;
    let wall: string;
    let participants: { id: string; name: string; group: number }[];
    let plan: NonNullable<NonNullable<RoomBody['activities'][number]['cafe']>['plan']>;
    beforeAll(async () => {
      const prepared = await preparedRoom();
      ({ f, roomId, code } = prepared);
      const { add } = prepared;
      cafe = await add({ kind: 'worldcafe', prompt: 'Que vous inspirent ces thèmes ?', tables, rounds: 3, minutes: 20 });
      participants = (await f.call('GET', `/api/live/rooms/${roomId}/participants`)).body as typeof participants;
      const host = participants.find((p) => p.name === 'Farid Benali')!;
      await f.call('PUT', `/api/live/rooms/${roomId}/activities/${cafe}/hosts`, { hosts: [{ table: 't2', participantId: host.id }] });
      expect((await f.call('POST', `/api/live/rooms/${roomId}/activities/${cafe}/plan`)).status).toBe(200);
      keyword = await add({ kind: 'keyword', prompt: 'Un mot pour ce qui rend la coopération possible', mode: 'group' });
      await add({ kind: 'keyword', prompt: 'Votre mot à vous', mode: 'person' });
      wall = await add({ kind: 'ideas', prompt: 'Labo d’idées : envies d’agir', options: ['Parentalité', 'Emploi des jeunes'] });
      const room = (await f.call('GET', `/api/live/rooms/${roomId}`)).body as RoomBody;
      plan = room.activities.find((a) => a.id === cafe)?.cafe?.plan ?? [];
    });

    it('prints a card per world café table with its host and who sits there at each round', async () => {
      const cards = await pdf(f, `/api/live/rooms/${roomId}/paper/tables.pdf?activityId=${cafe}`);
      expect(cards.status).toBe(200);
      expect(cards.headers['content-disposition']).toBe(`attachment; filename="tables-world-cafe-${code}.pdf"`);
      const path = saved(cards.bytes);
      expect(pageCount(path)).toBe(3);
      tables.forEach((table, i) => {
        const text = pageText(path, i + 1);
        expect(text).toContain(`Table ${i + 1}`);
        expect(text).toContain(table.theme);
        if (table.place) expect(text).toContain(`Emplacement : ${table.place}`);
        expect(text).toContain(i === 1 ? 'Hôte de la table : Farid Benali' : 'Hôte de la table : à désigner');
        plan.forEach((round, r) => {
          const members = round.find((x) => x.table === `t${i + 1}`)?.members ?? [];
          const line = new RegExp(`Tour ${r + 1} \\((\\d+) pers\\.\\) : (.*?)(?= Tour \\d| Synthèse)`).exec(text);
          expect(line, `table ${i + 1}, round ${r + 1}: ${text}`).not.toBeNull();
          expect(Number(line?.[1])).toBe(members.length + (i === 1 ? 1 : 0));
          for (const m of members) expect(line?.[2]).toContain(m);
          expect(text).toContain(`Synthèse du tour ${r + 1}`);
        });
      });
      // Everyone sits somewhere at every round.
      for (const round of plan) expect(round.flatMap((x) => x.members).length + 1).toBe(names.length);
    });

    it('prints the sheets to fill in by hand, one per activity', async () => {
      const sheets = await pdf(f, `/api/live/rooms/${roomId}/paper/sheets.pdf`);
      expect(sheets.status).toBe(200);
      const sheetsPath = saved(sheets.bytes);
      const all = flat(execFileSync('pdftotext', ['-raw', sheetsPath, '-'], { encoding: 'utf8' }));
      expect(all).toContain('Un mot pour ce qui rend la coopération possible');
      const groups = new Map<number, string[]>();
      for (const p of participants) groups.set(p.group, [...(groups.get(p.group) ?? []), p.name]);
      expect(groups.size).toBe(3);
      for (const [n, members] of groups) {
        expect(all).toContain(`Groupe ${n} — ${colours[n - 1]}`);
        for (const m of members) expect(all).toContain(m);
      }
      expect(all).toContain('Votre mot à vous');
      expect(all).toContain('20.'); // numbered lines, one per person (20 at least)
      expect(all).toContain('Labo d’idées — thème 1 / 2 : Parentalité');
      expect(all).toContain('Labo d’idées — thème 2 / 2 : Emploi des jeunes');
      expect(all).toContain('Labo d’idées : envies d’agir');
    });

    it('prints one activity’s sheet alone', async () => {
      const one = await pdf(f, `/api/live/rooms/${roomId}/paper/sheets.pdf?activityId=${wall}`);
      const oneText = flat(execFileSync('pdftotext', ['-raw', saved(one.bytes), '-'], { encoding: 'utf8' }));
      expect(oneText).toContain('Emploi des jeunes');
      expect(oneText).not.toContain('Votre mot à vous');
    });

    it('refuses in French the wrong activity, or one that is not in the room', async () => {
      const wrong = await pdf(f, `/api/live/rooms/${roomId}/paper/tables.pdf?activityId=${keyword}`);
      expect(wrong.status).toBe(409);
      expect(wrong.json()).toMatchObject({ code: 'live_wrong_kind' });
      const missing = await pdf(f, `/api/live/rooms/${roomId}/paper/sheets.pdf?activityId=${crypto.randomUUID()}`);
      expect(missing.status).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'live_activity_not_found' });
      const bad = await pdf(f, `/api/live/rooms/${roomId}/paper/slips.pdf?activityId=nope`);
      expect(bad.status).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ field: 'query.activityId', message: 'activité invalide' });
    });

    it('gives a member of the territory (not a facilitator) nothing', async () => {
      const member = await facilitatorOn(t, territoryId, 'member');
      expect((await pdf(member, `/api/live/rooms/${roomId}/paper/slips.pdf`)).status).toBe(403);
    });
  });
});
