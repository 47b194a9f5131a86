import { describe, expect, it } from 'vitest';
import { redactUrl } from './log';

describe('request logs', () => {
  it('mask the token of personal links, and leave other paths alone', () => {
    expect(redactUrl('/api/registrations/abcDEF123_-/calendar.ics')).toBe('/api/registrations/…/calendar.ics');
    expect(redactUrl('/api/registrations/abcDEF123')).toBe('/api/registrations/…');
    expect(redactUrl('/api/invitations/token/s3cr3t/accept')).toBe('/api/invitations/token/…/accept');
    expect(redactUrl('/api/events/123/registrations?x=1')).toBe('/api/events/123/registrations?x=1');
    expect(redactUrl('/api/health')).toBe('/api/health');
  });
});
