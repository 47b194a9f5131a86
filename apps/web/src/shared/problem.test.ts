import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { problemMessage } from './problem';

const t = (key: string) => `«${key}»`;

describe('problemMessage', () => {
  it('says "no access" for a refusal, not that the server does not answer', () => {
    expect(problemMessage(new ApiError(403, 'forbidden', 'Votre rôle ne vous permet pas de faire cela.'), t)).toBe('«access.denied»');
  });
  it('asks to log in for a 401', () => {
    expect(problemMessage(new ApiError(401, 'unauthenticated', 'Vous devez être connecté·e'), t)).toBe('«access.login»');
  });
  it('keeps the connection message for no answer at all', () => {
    expect(problemMessage(new ApiError(0, 'offline', ''), t)).toBe('«common.offline»');
    expect(problemMessage(new TypeError('Failed to fetch'), t)).toBe('«common.offline»');
  });
  it('says what was not found, or that it does not exist', () => {
    expect(problemMessage(new ApiError(404, 'event_not_found', 'Cette journée n’existe pas.'), t)).toBe('Cette journée n’existe pas.');
    expect(problemMessage(new ApiError(404, 'not_found', ''), t)).toBe('«access.notFound»');
  });
  it('says any other problem by its own title', () => {
    expect(problemMessage(new ApiError(409, 'room_closed', 'La salle est fermée.'), t)).toBe('La salle est fermée.');
  });
});
