import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from './api';

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps a problem’s other members as details (the current version of a 409 sheet_conflict)', async () => {
    const current = { section: 'etat_des_lieux', version: 3, content: { text: 'leur texte' } };
    const problem = {
      type: 'about:blank#sheet_conflict',
      title: 'Cette partie a été modifiée entre-temps',
      status: 409,
      code: 'sheet_conflict',
      instance: '/api/collectives/x/sheet/etat_des_lieux',
      current,
    };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(problem), { status: 409 }));
    const error = await request('GET /api/collectives/:id', { params: { id: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect([e.status, e.code, e.message]).toEqual([409, 'sheet_conflict', problem.title]);
    expect(e.details).toEqual({ current });
    expect(e.fieldErrors).toEqual([]);
  });

  it('reads the per-field errors of a validation problem, and no details when there are none', async () => {
    const errors = [{ field: 'body.email', message: 'adresse e-mail invalide' }];
    vi.stubGlobal(
      'fetch',
      async () => new Response(JSON.stringify({ code: 'validation', title: 'Données invalides', status: 400, errors }), { status: 400 }),
    );
    const e = (await request('GET /api/collectives/:id', { params: { id: 'x' } }).catch((x: unknown) => x)) as ApiError;
    expect(e.forField('email')).toBe('adresse e-mail invalide');
    expect(e.details).toEqual({});
  });
});
