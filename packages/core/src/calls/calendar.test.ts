import { describe, expect, it } from 'vitest';
import { parisDay } from '../shared/time';
import { currentStep, defaultSteps, isStepOpen, stepState } from './calendar';

describe('the calendar of a call (Europe/Paris)', () => {
  it('reads the date in Paris, not in UTC', () => {
    // 23:30 UTC on 30 November is already 1 December in Paris (UTC+1 in winter).
    expect(parisDay(new Date('2025-11-30T23:30:00Z'))).toBe('2025-12-01');
    expect(parisDay(new Date('2025-11-30T22:59:59Z'))).toBe('2025-11-30');
    // Summer time: UTC+2.
    expect(parisDay(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(parisDay(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
  });

  it('opens a step at 00:00 Paris of its first day and closes it at 24:00 Paris of its last', () => {
    const step = { opensOn: '2025-12-01', closesOn: '2026-01-15' };
    expect(stepState(step, new Date('2025-11-30T22:59:59Z'))).toBe('a_venir');
    expect(stepState(step, new Date('2025-11-30T23:00:00Z'))).toBe('ouverte');
    expect(stepState(step, new Date('2026-01-15T22:59:59Z'))).toBe('ouverte');
    expect(stepState(step, new Date('2026-01-15T23:00:00Z'))).toBe('close');
  });

  it('lays out the typical year of a contrat de ville for programming year 2026', () => {
    const steps = defaultSteps(2026);
    const by = Object.fromEntries(steps.map((s) => [s.kind, [s.opensOn, s.closesOn]]));
    expect(by).toEqual({
      cadrage: ['2025-10-01', '2025-10-31'],
      pre_dossier: ['2025-10-01', '2025-11-30'],
      depot: ['2025-12-01', '2026-01-15'],
      instruction: ['2026-02-01', '2026-04-20'],
      comite: ['2026-04-21', '2026-04-30'],
      realisation: ['2026-01-01', '2026-12-31'],
      compte_rendu: ['2027-01-01', '2027-06-30'],
    });
    for (const s of steps) expect(s.opensOn <= s.closesOn).toBe(true);
    expect(steps.find((s) => s.kind === 'depot')?.label).toBe('Dépôt des demandes');
  });

  it('says where the call is: the open step closing first, else the next, else the last', () => {
    const steps = defaultSteps(2026);
    const at = (iso: string) => currentStep(steps, new Date(iso))?.kind;
    expect(at('2025-09-15T10:00:00Z')).toBe('cadrage');
    expect(at('2025-11-20T10:00:00Z')).toBe('pre_dossier');
    // Mid-January: the deposit's last days and the year of the actions are both open.
    expect(at('2026-01-10T10:00:00Z')).toBe('depot');
    expect(at('2026-01-20T10:00:00Z')).toBe('realisation');
    expect(at('2026-03-01T10:00:00Z')).toBe('instruction');
    expect(at('2026-04-25T10:00:00Z')).toBe('comite');
    expect(at('2027-03-01T10:00:00Z')).toBe('compte_rendu');
    expect(currentStep(steps, new Date('2027-08-01T10:00:00Z'))).toMatchObject({ kind: 'compte_rendu' });
    expect(currentStep([], new Date())).toBeNull();
  });

  it('knows whether the deposit is open', () => {
    const steps = defaultSteps(2026);
    expect(isStepOpen(steps, 'depot', new Date('2025-12-10T10:00:00Z'))).toBe(true);
    expect(isStepOpen(steps, 'depot', new Date('2026-01-16T10:00:00Z'))).toBe(false);
    expect(isStepOpen(steps, 'pre_dossier', new Date('2025-11-30T22:30:00Z'))).toBe(true);
    expect(isStepOpen(steps, 'pre_dossier', new Date('2025-11-30T23:30:00Z'))).toBe(false);
  });
});
