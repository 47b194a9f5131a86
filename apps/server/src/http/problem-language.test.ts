import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { problemLanguage } from './errors';
import { type ProblemCode, problems } from './problems';

describe('problem titles', () => {
  it('every code has a non-empty English title, different from the French one', () => {
    const missing = (Object.keys(problems) as ProblemCode[]).filter((code) => {
      const { message, en } = problems[code];
      return !en.trim() || en.trim() === message.trim();
    });
    expect(missing).toEqual([]);
  });
});

describe('problemLanguage (Accept-Language)', () => {
  it.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['fr', 'fr'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['en-US,en;q=0.9,fr;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'fr'],
    ['fr;q=0.5, en;q=0.8', 'en'],
    ['en;q=0.5, fr', 'fr'],
    ['en, fr', 'en'],
    ['fr, en', 'fr'],
    ['de-DE,de;q=0.9', 'fr'],
    ['de, en;q=0.5', 'en'],
    ['*', 'fr'],
    ['en;q=0', 'fr'],
    ['EN-gb ; Q=0.9', 'en'],
    ['en;q=abc', 'fr'],
  ] as const)('%j → %s', (header, lang) => {
    expect(problemLanguage(header)).toBe(lang);
  });
});

describe('problem answers in the request’s language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the French title by default, the English one when English is preferred', async () => {
    const client = t.client();
    const fr = await client.request('GET', '/api/events/does-not-exist');
    expect(fr.status).toBe(404);
    expect(fr.body).toMatchObject({ code: 'event_not_found', title: problems.event_not_found.message });
    expect(fr.res.headers['content-type']).toContain('application/problem+json');
    expect(fr.res.headers['content-language']).toBe('fr');

    const en = await client.request('GET', '/api/events/does-not-exist', undefined, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.status).toBe(404);
    expect(en.body).toMatchObject({ code: 'event_not_found', title: problems.event_not_found.en });
    expect(en.res.headers['content-language']).toBe('en');
    expect(en.res.headers.vary).toContain('Accept-Language');
  });

  it('localizes the edge’s own problems too (an unknown route)', async () => {
    const client = t.client();
    const missing = await client.request('GET', '/api/nothing-here', undefined, { 'accept-language': 'en' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'not_found', title: problems.not_found.en });
    expect(missing.res.headers['content-language']).toBe('en');
  });
});
