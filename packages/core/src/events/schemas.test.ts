import { describe, expect, it } from 'vitest';
import { registrationBody, registrationPatch, updateEventBody } from './schemas';

describe('PATCH bodies of the events capability', () => {
  it('leave out what was not sent, where the full bodies fill in defaults', () => {
    expect(registrationPatch.parse({ lunch: true })).toEqual({ lunch: true });
    expect(updateEventBody.parse({ title: 'Journée de printemps' })).toEqual({ title: 'Journée de printemps' });
    expect(registrationBody.parse({ name: 'Ana', email: 'ana@exemple.fr', consent: true }).choices).toEqual([]);
  });

  it('still check the fields sent, naming them', () => {
    const bad = registrationPatch.safeParse({ choices: ['pas-un-atelier'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['choices', 0]);
    expect(updateEventBody.safeParse({ startDate: '2026-03-12', endDate: '2026-03-11' }).error?.issues[0]?.message).toBe(
      'la date de fin précède la date de début',
    );
  });
});
