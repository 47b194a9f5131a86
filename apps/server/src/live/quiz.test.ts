import { QUIZ_QUESTIONS, type ServerMessage } from '@maillage/core';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createTestApp, type TestApp } from '../testing';
import { connect, facilitatorOn, joinAs, newTerritory, type Probe, type Results } from './test-kit';

type Me = Extract<ServerMessage, { type: 'me' | 'welcome' }>;
type Ack = Extract<ServerMessage, { type: 'ack' | 'reject' }>;

const all = (choice: number) => QUIZ_QUESTIONS.map(() => choice);
const names = ['Capucine Ferrand', 'Yanis Roumier', 'Odile Marchetti'];

describe.each(availableTestStores())('« Quel coopérateur je suis ? » in a live room on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    territoryId = await newTerritory(t.store);
  });
  afterAll(async () => {
    await t?.close();
  });

  let keys = 0;
  const submit = (p: Probe, activityId: string, input: Record<string, unknown>) => {
    const key = `quiz-key-${++keys}`;
    p.send({ v: 1, type: 'submit', key, activityId, input });
    return p.next<Ack>((m) => (m.type === 'ack' || m.type === 'reject') && m.key === key);
  };

  it('each phone sees its own profile, the projector the distribution only, and a restarted server keeps the answers', async () => {
    const f = await facilitatorOn(t, territoryId);
    const created = await f.call('POST', '/api/live/rooms', { title: 'Formation coopération', territoryId });
    const { id: roomId, code } = created.body as { id: string; code: string };
    const added = await f.call('POST', `/api/live/rooms/${roomId}/activities`, { kind: 'quiz', prompt: 'Quel coopérateur je suis ?' });
    expect(added.status).toBe(201);
    const activityId = (added.body as { id: string }).id;
    expect((await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/start`)).status).toBe(200);

    const projector = await connect(t.app, code, { role: 'projector' });
    await projector.next((m) => m.type === 'welcome');
    const phones: Probe[] = [];
    const tokens: string[] = [];
    for (const name of names) {
      const joined = await joinAs(t, code, name);
      const phone = await connect(t.app, code, { role: 'participant', token: joined.body.token });
      await phone.next((m) => m.type === 'welcome');
      phones.push(phone);
      tokens.push(joined.body.token as string);
    }
    const [a, b, c] = phones as [Probe, Probe, Probe];
    expect(await submit(a, activityId, { kind: 'quiz', answers: all(0) })).toMatchObject({ type: 'ack' });
    expect(await submit(b, activityId, { kind: 'quiz', answers: all(0) })).toMatchObject({ type: 'ack' });
    expect(await submit(c, activityId, { kind: 'quiz', answers: all(3) })).toMatchObject({ type: 'ack' });
    // A missing answer is refused (the message does not parse: the refusal carries no key).
    c.send({ v: 1, type: 'submit', key: 'quiz-key-short', activityId, input: { kind: 'quiz', answers: all(3).slice(1) } });
    expect(await c.next((m) => m.type === 'reject')).toMatchObject({ code: 'bad_message' });

    const mine = await c.next<Me>((m) => (m.type === 'me' || m.type === 'welcome') && !!m.me?.quiz);
    expect(mine.me?.quiz).toMatchObject({ profiles: ['rassembleur'], motivations: ['plaisir', 'necessite', 'securite', 'facilite'] });

    const expected = {
      kind: 'quiz',
      people: 3,
      profiles: { passeur: 2, batisseur: 0, explorateur: 0, rassembleur: 1 },
      firstMotivation: { necessite: 2, securite: 0, facilite: 0, plaisir: 1 },
    };
    const seen = await projector.next<Results>((m) => m.type === 'results' && (m.results[activityId] as { people?: number })?.people === 3);
    expect(seen.results[activityId]).toMatchObject(expected);
    // Nothing the projector received names anyone or carries one person's answers.
    const text = JSON.stringify(projector.frames);
    for (const name of names) expect(text).not.toContain(name);
    expect(text).not.toContain('answers');

    // The console reads the same distribution.
    const console = await f.call('GET', `/api/live/rooms/${roomId}`);
    expect((console.body as { results: Record<string, unknown> }).results[activityId]).toMatchObject(expected);

    // Another server process on the same store folds the log again: the answers are still there.
    const restarted = await buildApp({ ...t.deps }, { logger: false });
    await restarted.ready();
    try {
      const again = await connect(restarted, code, { role: 'projector' });
      const welcome = await again.next<Extract<ServerMessage, { type: 'welcome' }>>((m) => m.type === 'welcome');
      expect(welcome.results?.[activityId]).toMatchObject(expected);
      const phone = await connect(restarted, code, { role: 'participant', token: tokens[2] });
      const back = await phone.next<Extract<ServerMessage, { type: 'welcome' }>>((m) => m.type === 'welcome');
      expect(back.me?.quiz?.profiles).toEqual(['rassembleur']);
      again.ws.close();
      phone.ws.close();
    } finally {
      await restarted.close();
    }
    for (const p of [projector, ...phones]) p.ws.close();
  });
});
