import { describe, expect, it } from 'vitest';
import {
  type AssessmentFact,
  continuumLabel,
  duplicateReason,
  levelCounts,
  levelHistory,
  monthEnds,
  organisationNameKey,
  relationStates,
} from './model';

describe('organisationNameKey', () => {
  it('folds accents, case, punctuation, articles and abbreviations', () => {
    expect(organisationNameKey('L’Association « Les Érables »')).toBe(organisationNameKey('asso les erables'));
    expect(organisationNameKey('Centre social de la Passerelle')).toBe('centre social passerelle');
    expect(organisationNameKey('Les Érables')).not.toBe(organisationNameKey('Les Tilleuls'));
  });
});

describe('duplicateReason', () => {
  const base = { name: 'Association Les Érables', siren: '732829320', communeId: 'c1' };
  it('catches the same SIREN whatever the name', () => {
    expect(duplicateReason(base, { id: 'x', name: 'Autre nom', siren: '732829320', communeId: 'c2' })).toBe('same_siren');
  });
  it('catches the same normalised name in the same commune only', () => {
    expect(duplicateReason(base, { id: 'x', name: 'asso les erables', siren: null, communeId: 'c1' })).toBe('same_name_and_commune');
    expect(duplicateReason(base, { id: 'x', name: 'asso les erables', siren: null, communeId: 'c2' })).toBeNull();
    expect(duplicateReason({ ...base, communeId: null }, { id: 'x', name: 'asso les erables', siren: null, communeId: null })).toBeNull();
  });
  it('never matches a record with itself', () => {
    expect(duplicateReason({ ...base, id: 'x' }, { ...base, id: 'x' })).toBeNull();
  });
});

describe('continuum', () => {
  it('labels the 7 levels in French', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(continuumLabel)).toEqual([
      'Concurrence',
      'Coexistence',
      'Communication',
      'Assistance',
      'Coordination',
      'Collaboration',
      'Intégration',
    ]);
  });
});

describe('relationStates', () => {
  const facts: AssessmentFact[] = [
    { orgA: 'a', orgB: 'b', side: 'a', level: 3, assessedOn: '2025-01-10' },
    { orgA: 'a', orgB: 'b', side: 'a', level: 5, assessedOn: '2025-06-01' },
    { orgA: 'a', orgB: 'b', side: 'b', level: 4, assessedOn: '2025-03-01' },
    { orgA: 'a', orgB: 'c', side: 'c', level: 6, assessedOn: '2025-02-01' },
  ];
  it('keeps each side’s latest level, retains the lower one and flags disagreement', () => {
    const states = relationStates(facts);
    expect(states.find((s) => s.orgB === 'b')).toEqual({ orgA: 'a', orgB: 'b', levelA: 5, levelB: 4, level: 4, disagreement: true });
    expect(states.find((s) => s.orgB === 'c')).toEqual({ orgA: 'a', orgB: 'c', levelA: null, levelB: 6, level: 6, disagreement: false });
  });
  it('reads the state as it stood at an earlier date', () => {
    const states = relationStates(facts, '2025-02-15');
    expect(states).toEqual([
      { orgA: 'a', orgB: 'b', levelA: 3, levelB: null, level: 3, disagreement: false },
      { orgA: 'a', orgB: 'c', levelA: null, levelB: 6, level: 6, disagreement: false },
    ]);
    expect(relationStates(facts, '2024-12-31')).toEqual([]);
  });
  it('counts levels and their history month by month', () => {
    expect(levelCounts(relationStates(facts))).toEqual([0, 0, 0, 1, 0, 1, 0]);
    const ends = monthEnds('2025-06-15', 6);
    expect(ends).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-15']);
    const history = levelHistory(facts, ends);
    expect(history[0]?.counts).toEqual([0, 0, 1, 0, 0, 0, 0]);
    expect(history[2]?.counts).toEqual([0, 0, 1, 0, 0, 1, 0]);
    expect(history[5]?.counts).toEqual([0, 0, 0, 1, 0, 1, 0]);
  });
});
