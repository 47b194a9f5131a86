import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodevRecordView, ServerMessage } from '@maillage/core';
import { createCollectives, erasePerson, exportPersonData } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { connect, facilitatorOn, joinAs, newTerritory, type Probe } from './test-kit';

type Me = Extract<ServerMessage, { type: 'me' | 'welcome' }>;
type Reject = Extract<ServerMessage, { type: 'reject' }>;

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.each(availableTestStores())('co-development sessions on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    territoryId = await newTerritory(t.store);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function session() {
    const f = await facilitatorOn(t, territoryId);
    const [collectiveId] = await createCollectives(t.store.db, [
      { territoryId, name: 'Collectif parentalité', urgency: '', themes: [], origin: null, members: [], createdBy: null },
    ]);
    const created = await f.call('POST', '/api/live/rooms', { title: 'Co-développement du jeudi', territoryId });
    const { id: roomId, code } = created.body as { id: string; code: string };
    const phones: { id: string; name: string; phone: Probe }[] = [];
    for (const name of ['Nadia Porteuse', 'Alix Contributrice', 'Bao Contributeur', 'Cyan Contributrice']) {
      const joined = await joinAs(t, code, name);
      const phone = await connect(t.app, code, { role: 'participant', token: joined.body.token });
      await phone.next((m) => m.type === 'welcome');
      phones.push({ id: joined.body.participantId as string, name, phone });
    }
    const added = await f.call('POST', `/api/live/rooms/${roomId}/codev`, {
      subjectType: 'probleme',
      porteurId: phones[0]?.id,
      collectiveId,
    });
    expect(added.status).toBe(201);
    const activityId = (added.body as { id: string }).id;
    expect((await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/start`)).status).toBe(200);
    const url = `/api/live/rooms/${roomId}/activities/${activityId}`;
    return { f, roomId, code, phones, activityId, url, collectiveId: collectiveId as string };
  }

  let keys = 0;
  const submit = (p: Probe, activityId: string, input: Record<string, unknown>) => {
    const key = `codev-key-${++keys}`;
    p.send({ v: 1, type: 'submit', key, activityId, input });
    return p.next<Extract<ServerMessage, { type: 'ack' | 'reject' }>>((m) => (m.type === 'ack' || m.type === 'reject') && m.key === key);
  };

  it('runs the six steps with their timer, takes proposals in the consultation only, and keeps the record on close', async () => {
    const s = await session();
    const [porteur, a, b, c] = s.phones as [(typeof s.phones)[number], ...typeof s.phones];
    const projector = await connect(t.app, s.code, { role: 'projector' });
    const welcome = await projector.next<Extract<ServerMessage, { type: 'welcome' }>>((m) => m.type === 'welcome');
    expect(welcome.room.activity?.codev).toMatchObject({ step: 0, porteur: 'Nadia Porteuse' });
    expect(welcome.room.activity?.codev?.steps.map((x) => x.label)).toEqual([
      'Exposé',
      'Questions de clarification',
      'Contrat',
      'Consultation',
      'Synthèse et plan d’action',
      'Conclusion et apprentissages',
    ]);

    // The porteur's phone knows its role; the others are contributors.
    await porteur.phone.next<Me>((m) => (m.type === 'me' || m.type === 'welcome') && m.me?.codev?.role === 'porteur');
    await a!.phone.next<Me>((m) => (m.type === 'me' || m.type === 'welcome') && m.me?.codev?.role === 'contributor');

    // The step timer: its duration, paused, started again.
    expect((await s.f.call('POST', `${s.url}/codev/timer`, { running: true })).status).toBe(200);
    const timed = await projector.next<Extract<ServerMessage, { type: 'room' }>>((m) => m.type === 'room' && m.room.timer !== null);
    expect((timed.room.timer?.endsAt ?? 0) - (timed.room.timer?.startedAt ?? 0)).toBe(10 * 60_000);
    expect((await s.f.call('POST', `${s.url}/codev/timer`, { running: false })).status).toBe(200);
    expect((await s.f.call('POST', `${s.url}/codev/timer`, { running: false })).body).toMatchObject({ code: 'live_timer_not_running' });

    const secret = 'Je crains la réaction de ma directrice';
    expect(await submit(porteur.phone, s.activityId, { kind: 'codev-text', field: 'notes', text: secret })).toMatchObject({ type: 'ack' });
    await submit(porteur.phone, s.activityId, { kind: 'codev-text', field: 'subject', text: 'Les parents ne viennent plus' });
    expect(await submit(a!.phone, s.activityId, { kind: 'codev-proposal', text: 'Trop tôt' })).toMatchObject({
      type: 'reject',
      code: 'wrong_step',
    });

    for (let step = 1; step <= 3; step++) {
      expect((await s.f.call('POST', `${s.url}/codev/step`, { step })).status).toBe(200);
      expect((await s.f.call('POST', `${s.url}/codev/timer`, { running: true })).status).toBe(200);
    }
    await submit(porteur.phone, s.activityId, { kind: 'codev-text', field: 'contract', text: 'Aidez-moi à recréer le lien' });
    expect(await submit(porteur.phone, s.activityId, { kind: 'codev-proposal', text: 'La mienne' })).toMatchObject<Partial<Reject>>({
      code: 'porteur_listens',
    });
    await submit(a!.phone, s.activityId, { kind: 'codev-proposal', text: 'Aller à la sortie de l’école' });
    await submit(b!.phone, s.activityId, { kind: 'codev-proposal', text: 'Un atelier le mercredi', signed: true });
    await submit(c!.phone, s.activityId, { kind: 'codev-proposal', text: 'Demander aux anciens parents', signed: false });
    const shown = await projector.next<Extract<ServerMessage, { type: 'results' }>>((m) => {
      const r = m.type === 'results' ? m.results[s.activityId] : undefined;
      return r?.kind === 'codev' && r.proposals.length === 3;
    });
    const proposals = shown.results[s.activityId];
    expect(proposals?.kind === 'codev' && proposals.proposals.map((p) => p.name)).toEqual([null, 'Bao Contributeur', null]);

    expect((await s.f.call('POST', `${s.url}/codev/step`, { step: 4 })).status).toBe(200);
    await submit(porteur.phone, s.activityId, {
      kind: 'codev-text',
      field: 'action-plan',
      text: 'Rencontrer cinq familles',
      followUp: '2027-01-15',
    });
    expect((await s.f.call('POST', `${s.url}/codev/step`, { step: 5 })).status).toBe(200);
    await submit(c!.phone, s.activityId, { kind: 'codev-text', field: 'learning', text: 'Écouter sans répondre' });
    await porteur.phone.next<Me>((m) => (m.type === 'me' || m.type === 'welcome') && m.me?.codev?.sheet?.followUp === '2027-01-15');

    // The notes reached the porteur's phone, and nobody else: not the projector, the console, the other phones.
    await porteur.phone.next<Me>((m) => (m.type === 'me' || m.type === 'welcome') && m.me?.codev?.notes === secret);
    const consoleView = await s.f.call('GET', `/api/live/rooms/${s.roomId}`);
    expect(JSON.stringify(consoleView.body)).not.toContain('directrice');
    expect(JSON.stringify(projector.frames)).not.toContain('directrice');
    for (const p of [a, b, c]) expect(JSON.stringify(p!.phone.frames)).not.toContain('directrice');
    expect(JSON.stringify((await s.f.call('GET', `/api/live/rooms/${s.roomId}/export.json`)).body)).not.toContain('directrice');

    const closed = await s.f.call('POST', `${s.url}/codev/close`);
    expect(closed.status).toBe(200);
    const { recordId } = closed.body as { recordId: string };
    // Idempotent: closing again keeps the one record.
    expect(((await s.f.call('POST', `${s.url}/codev/close`)).body as { recordId: string }).recordId).toBe(recordId);

    const member = await facilitatorOn(t, territoryId, 'member');
    const list = await member.call('GET', `/api/collectives/${s.collectiveId}/codev`);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    const one = await member.call('GET', `/api/codev/${recordId}`);
    expect(one.status).toBe(200);
    const record = one.body as CodevRecordView;
    expect(record).toMatchObject({
      roomId: s.roomId,
      activityId: s.activityId,
      territoryId,
      collectiveId: s.collectiveId,
      subjectType: 'probleme',
      subject: 'Les parents ne viennent plus',
      contract: 'Aidez-moi à recréer le lien',
      actionPlan: 'Rencontrer cinq familles',
      followUp: '2027-01-15',
      learnings: ['Écouter sans répondre'],
    });
    expect(record.proposals).toEqual([
      { text: 'Aller à la sortie de l’école', name: null },
      { text: 'Un atelier le mercredi', name: 'Bao Contributeur' },
      { text: 'Demander aux anciens parents', name: null },
    ]);
    const text = JSON.stringify(record);
    for (const hidden of ['Alix', 'Cyan', 'directrice', a!.id, c!.id, porteur.id]) expect(text).not.toContain(hidden);

    // After the close, phones can no longer post.
    expect(await submit(a!.phone, s.activityId, { kind: 'codev-text', field: 'learning', text: 'Après coup' })).toMatchObject({
      code: 'activity_closed',
    });
  });

  it('prints one card per step and the timer page', async () => {
    const s = await session();
    const res = await s.f.call('GET', `${s.url}/codev/paper.pdf`);
    expect(res.status).toBe(200);
    expect(res.res.headers['content-type']).toBe('application/pdf');
    if (!hasPdftotext) return;
    const dir = mkdtempSync(join(tmpdir(), 'codev-paper-'));
    const path = join(dir, 'codev.pdf');
    writeFileSync(path, res.res.rawPayload);
    const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBe(7);
    expect(text).toContain('Étape 4 sur 6');
    expect(text).toContain('Consultation');
    expect(text).toContain('Durée : 25 minutes');
    expect(text).toContain('Minuteur de la séance');
    expect(text).toContain('Durée totale : 1 h 20');
  });

  it('erases a person’s proposals, name and texts from the record and the log', async () => {
    const s = await session();
    const [porteur, a] = s.phones as [(typeof s.phones)[number], ...typeof s.phones];
    await s.f.call('POST', `${s.url}/codev/step`, { step: 3 });
    await submit(a!.phone, s.activityId, { kind: 'codev-proposal', text: 'Une idée signée', signed: true });
    await submit(porteur.phone, s.activityId, { kind: 'codev-text', field: 'subject', text: 'Mon sujet à moi' });
    const { recordId } = (await s.f.call('POST', `${s.url}/codev/close`)).body as { recordId: string };
    // Link both participants to people of the ecosystem, then erase them.
    const people = [];
    for (const p of [porteur, a!]) {
      const person = await t.store.db
        .insertInto('people')
        .values({ name: p.name, search_key: p.name.toLowerCase() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.store.db.updateTable('live_participants').set({ person_id: person.id }).where('id', '=', p.id).execute();
      people.push(person.id);
    }
    // Her export holds her session: as porteur (her subject), and her signed proposal.
    expect(await exportPersonData(t.store.db, people[0] as string)).toMatchObject({
      codevSessions: [{ id: recordId, asPorteur: { subject: 'Mon sujet à moi' }, proposals: [] }],
    });
    expect(await exportPersonData(t.store.db, people[1] as string)).toMatchObject({
      codevSessions: [{ id: recordId, proposals: [{ text: 'Une idée signée', signed: true }] }],
    });
    for (const id of people) await erasePerson(t.store.db, id, null);
    const record = (await s.f.call('GET', `/api/codev/${recordId}`)).body as CodevRecordView;
    expect(record.subject).toBe('contribution effacée');
    expect(record.proposals).toEqual([{ text: 'contribution effacée', name: 'Personne effacée' }]);
    const log = await t.store.db.selectFrom('live_events').select('payload').where('room_id', '=', s.roomId).execute();
    const all = JSON.stringify(log);
    expect(all).not.toContain('Une idée signée');
    expect(all).not.toContain('Mon sujet à moi');
  });
});
