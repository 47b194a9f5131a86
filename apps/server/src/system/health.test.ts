import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { storeAnswers } from './routes';

describe('health: readiness and liveness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is ready when the database answers', async () => {
    const res = await t.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', store: 'pglite', version: 'test' });
  });

  it('is not ready (503, a problem in French) when the database fails, while still alive', async () => {
    const spy = vi.spyOn(t.store.pool, 'query').mockRejectedValue(new Error('connexion perdue') as never);
    try {
      const ready = await t.client().get('/api/health');
      expect(ready.status).toBe(503);
      expect(ready.body.code).toBe('store_unavailable');
      const live = await t.client().get('/api/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok', version: 'test' });
    } finally {
      spy.mockRestore();
    }
    expect((await t.client().get('/api/health')).status).toBe(200);
  });

  it('does not wait for a database that never answers', async () => {
    const spy = vi.spyOn(t.store.pool, 'query').mockReturnValue(new Promise(() => {}) as never);
    try {
      expect(await storeAnswers(t.deps, 1)).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });
});
