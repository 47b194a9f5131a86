import { describe, expect, it } from 'vitest';
import { endpointPath, endpointQuery } from './endpoint';

describe('the URL the typed client builds from an endpoint key', () => {
  it('fills the path parameters, encoded', () => {
    expect(endpointPath('/api/collectives/:id/answers/:question', { id: 'a b/c', question: 2 })).toBe(
      '/api/collectives/a%20b%2Fc/answers/2',
    );
    expect(endpointPath('/api/events/:id/programme.pdf', { id: 'journee-1' })).toBe('/api/events/journee-1/programme.pdf');
    expect(endpointPath('/api/session', undefined)).toBe('/api/session');
  });

  it('refuses a missing path parameter rather than calling another route', () => {
    expect(() => endpointPath('/api/territories/:id', {})).toThrow('missing path parameter id');
    expect(() => endpointPath('/api/territories/:id', { id: null })).toThrow();
  });

  it('leaves out empty query values and repeats arrays', () => {
    expect(endpointQuery(undefined)).toBe('');
    expect(endpointQuery({ q: '', territoryId: undefined, before: null })).toBe('');
    expect(endpointQuery({ q: 'saint étienne', limit: 10, before: 0, kind: ['epci', 'commune'] })).toBe(
      '?q=saint+%C3%A9tienne&limit=10&before=0&kind=epci&kind=commune',
    );
  });
});
