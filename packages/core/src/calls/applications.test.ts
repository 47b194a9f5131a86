import { describe, expect, it } from 'vitest';
import { checkMove, decisionLineProblem, decisionOutcome, isEditable, moveIntent, movesFor } from './applications';
import { APPLICATION_STATUSES, TRANSITIONS } from './model';

describe('who moves an application where', () => {
  it('lets the applicant send a draft and the coordinator instruct it, never the other way round', () => {
    expect(movesFor('brouillon', { applicant: true, coordinator: false })).toEqual(['pre_dossier', 'depose']);
    expect(movesFor('brouillon', { applicant: false, coordinator: true })).toEqual([]);
    expect(movesFor('depose', { applicant: true, coordinator: false })).toEqual([]);
    expect(movesFor('depose', { applicant: false, coordinator: true })).toEqual(['brouillon', 'recevable', 'non_recevable']);
    expect(checkMove('recevable', 'en_instruction', { applicant: true, coordinator: false })).toBe('application_move_forbidden');
    expect(checkMove('recevable', 'en_instruction', { applicant: false, coordinator: true })).toBeNull();
    expect(checkMove('brouillon', 'accorde', { applicant: true, coordinator: true })).toBe('application_move_unknown');
  });

  it('never moves a file to accordé or rejeté by hand: the committee decides', () => {
    for (const from of APPLICATION_STATUSES) {
      expect(movesFor(from, { applicant: true, coordinator: true })).not.toContain('accorde');
      expect(movesFor(from, { applicant: true, coordinator: true })).not.toContain('rejete');
    }
    expect(TRANSITIONS.length).toBeGreaterThan(0);
  });

  it('knows which moves send the file, and which statuses are editable', () => {
    expect(moveIntent('depose')).toBe('depot');
    expect(moveIntent('pre_dossier')).toBe('pre_dossier');
    expect(moveIntent('recevable')).toBeNull();
    expect(isEditable('brouillon')).toBe(true);
    expect(isEditable('depose')).toBe(false);
  });

  it('grants the file when one funder votes an amount, else rejects it', () => {
    expect(
      decisionOutcome([
        { decision: 'rejete', votedCents: 0 },
        { decision: 'accorde', votedCents: 1 },
      ]),
    ).toBe('accorde');
    expect(decisionOutcome([{ decision: 'rejete', votedCents: 0 }])).toBe('rejete');
    expect(decisionOutcome([{ decision: 'accorde', votedCents: 0 }])).toBe('rejete');
    expect(decisionLineProblem({ decision: 'rejete', votedCents: 5 })).toContain('rejetée');
    expect(decisionLineProblem({ decision: 'accorde', votedCents: 0 })).toContain('accordée');
    expect(decisionLineProblem({ decision: 'accorde', votedCents: 10 })).toBeNull();
  });
});
