import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EventRecord,
  type EventSession,
  formatPersonalCode,
  personalCodeOf,
  programmeFromTemplate,
  programmeTemplates,
  type RegistrationRecord,
} from '@maillage/core';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { attendanceSheetPdf, badgeQrText, badgesPdf, WALK_IN_LINES } from './pdf';

const dir = mkdtempSync(join(tmpdir(), 'maillage-pdf-'));
const template = programmeTemplates.find((t) => t.key === 'journee-regionale')!;
const draft = programmeFromTemplate(template, '2037-03-12');
const rooms = draft.rooms.map((r) => ({ id: r.key, name: r.name, capacity: r.capacity }));
const sessions: EventSession[] = draft.sessions.map((s, i) => ({ ...s, id: `s${i}`, roomId: s.roomKey }));
const event: EventRecord = {
  id: 'e1',
  slug: 'journee',
  territoryId: 't1',
  title: 'Journée régionale des coopérations',
  description: '',
  audience: '',
  startDate: '2037-03-12',
  endDate: '2037-03-12',
  opensAt: template.opensAt,
  closesAt: template.closesAt,
  venueName: 'Maison des associations',
  venueAddress: '3 rue des Tilleuls',
  organisers: [],
  partners: [],
  themes: [],
  capacity: null,
  registrationClosesOn: null,
  status: 'published',
  takeaways: [],
  createdAt: new Date(),
};
const codev = sessions.find((s) => s.title === 'Co-développement')!;
const person = (n: number): RegistrationRecord => ({
  id: `r${n}`,
  eventId: 'e1',
  name: `Participante Numéro ${n}`,
  email: `p${n}@exemple.fr`,
  organisationName: 'Centre social des Tilleuls',
  organisationKind: 'centre_social',
  organisationId: null,
  personId: null,
  directoryConsent: false,
  territoryId: null,
  themes: [],
  lunch: false,
  accessibility: '',
  status: 'confirmed',
  walkIn: false,
  badgeCode: `code${String(n).padStart(4, '0')}abcdefgh`,
  checkedInAt: null,
  createdAt: new Date(),
  choices: [{ sessionId: codev.id, preference: 1, status: 'confirmed' }],
});

const textOf = (pdf: Buffer, name: string, mode = '-raw') => {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', [mode, path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

describe('printed material', () => {
  it('prints every name as it is written, in an embedded Unicode font', async () => {
    const names = [
      { ...person(1), name: 'Nguyễn Thị Ánh', organisationName: 'Çalışkan Derneği' },
      { ...person(2), name: 'Çalışkan Derneği', organisationName: 'Ευρώπη Тест ' },
    ];
    const badges = await badgesPdf({ event, rooms, sessions }, names);
    const text = textOf(badges, 'unicode-badges.pdf');
    expect(text).toContain('Nguyễn Thị Ánh');
    expect(text).toContain('Çalışkan Derneği');
    expect(text).toContain('Ευρώπη Тест');
    const fonts = execFileSync('pdffonts', [join(dir, 'unicode-badges.pdf')], { encoding: 'utf8' });
    expect(fonts).toContain('NotoSans');
    expect(fonts).not.toContain('Helvetica');
    const sheet = textOf(await attendanceSheetPdf({ event, rooms, sessions }, null, names), 'unicode-sheet.pdf');
    expect(sheet).toContain('Nguyễn Thị Ánh');
    expect(sheet).toContain('Çalışkan Derneği');
  });

  it('names on a badge every workshop the person is confirmed in, in the order of the day', async () => {
    const choosable = sessions.filter((s) => s.choosable);
    const morning = choosable.find((s) => s.kind === 'presentation_experiences')!;
    const afternoon = choosable.find((s) => s.kind === 'atelier_methode' && s.title !== codev.title)!;
    const waiting = choosable.find((s) => s.id !== morning.id && s.id !== afternoon.id && s.id !== codev.id)!;
    const r: RegistrationRecord = {
      ...person(1),
      choices: [
        { sessionId: afternoon.id, preference: 1, status: 'confirmed' },
        { sessionId: morning.id, preference: 2, status: 'confirmed' },
        { sessionId: waiting.id, preference: 3, status: 'waitlisted' },
      ],
    };
    const text = textOf(await badgesPdf({ event, rooms, sessions }, [r]), 'workshops.pdf');
    expect(text).toContain(`${morning.startsAt} ${morning.title}`);
    expect(text).toContain(`${afternoon.startsAt} ${afternoon.title}`);
    expect(text.indexOf(morning.title)).toBeLessThan(text.indexOf(afternoon.title));
    expect(text).not.toContain(waiting.title);
  });

  it('keeps blank numbered lines for walk-ins on the feuille d’émargement', async () => {
    const people = Array.from({ length: 3 }, (_, i) => person(i + 1));
    const text = textOf(await attendanceSheetPdf({ event, rooms, sessions }, codev, people), 'walk-ins.pdf', '-layout');
    expect(text).toContain('Personnes venues sans inscription');
    const after = text.slice(text.indexOf('Personnes venues sans inscription'));
    for (let n = 4; n <= 3 + WALK_IN_LINES; n++) expect(after).toMatch(new RegExp(`\\b${n}\\b`));
    expect(after).not.toContain('Participante');
  });

  it('prints 8 badges per A4 page whose QR codes a camera reader decodes back to the badge code', async () => {
    const people = Array.from({ length: 9 }, (_, i) => person(i + 1));
    const pdf = await badgesPdf({ event, rooms, sessions }, people);
    const path = join(dir, 'badges.pdf');
    writeFileSync(path, pdf);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
    // Reading order, not layout: two badges side by side would interleave their wrapped names.
    const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const p of people) expect(text).toContain(p.name);
    expect(text).toContain('Co-développement');
    // Each badge carries its personal code, for joining a live room by name and code.
    for (const p of people) expect(text).toContain(`Code ${formatPersonalCode(personalCodeOf(p.badgeCode))}`);
    // Render page 1 at 150 dpi in grey (PGM, a trivial format), cut out the third badge (left column,
    // second row) and decode its QR code as the check-in page does with camera frames.
    execFileSync('pdftoppm', ['-gray', '-r', '150', '-f', '1', '-l', '1', path, join(dir, 'page')]);
    const pgm = readFileSync(join(dir, 'page-1.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(header[0].length);
    const cellW = Math.floor(width / 2);
    const cellH = Math.floor(height / 4);
    const crop = new Uint8ClampedArray(cellW * cellH * 4);
    for (let y = 0; y < cellH; y++) {
      for (let x = 0; x < cellW; x++) {
        const v = pixels[(cellH + y) * width + x]!;
        crop.set([v, v, v, 255], (y * cellW + x) * 4);
      }
    }
    const code = jsQR(crop, cellW, cellH);
    expect(code?.data).toBe(badgeQrText(people[2]!.badgeCode));
  });

  it('paginates the feuille d’émargement, with its header and signature column on every page', async () => {
    const people = Array.from({ length: 60 }, (_, i) => person(i + 1));
    const pdf = await attendanceSheetPdf({ event, rooms, sessions }, codev, people);
    const path = join(dir, 'emargement.pdf');
    writeFileSync(path, pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      const text = execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' });
      expect(text).toContain('Feuille d’émargement');
      expect(text).toContain('Signature');
      expect(text).toContain('14:00 – 15:30');
      expect(text).toContain(`page ${page} / ${pages}`);
    }
    const all = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const p of people) expect(all).toContain(p.name);
  });
});
