import { describe, expect, it } from 'vitest';
import { type CommitteeApplication, committeeTable, proposedOf, requestedOf } from './committee';

const funders = [
  { id: 'etat', name: 'État (BOP 147)', kind: 'etat' as const, envelopeCents: 5_000_000 },
  { id: 'ville', name: 'Ville de Valmont', kind: 'commune' as const, envelopeCents: 2_000_000 },
];

const app = (over: Partial<CommitteeApplication>): CommitteeApplication => ({
  id: 'a1',
  title: 'Ateliers du samedi',
  track: 'projet_collectif',
  status: 'propose_comite',
  leadOrganisation: { id: 'o1', name: 'Centre social' },
  collective: null,
  budgets: [],
  reviews: [],
  decisions: [],
  ...over,
});

describe('the committee table', () => {
  it('sums what a file asks of a funder across its structures, on 74 lines only', () => {
    const budgets = [
      [
        { code: '74-ETAT', cofunderId: 'etat', amountCents: 300_000 },
        { code: '74-COMMUNE', cofunderId: 'ville', amountCents: 100_050 },
        { code: '641', cofunderId: null, amountCents: 999_999 },
      ],
      [{ code: '74-ETAT', cofunderId: 'etat', amountCents: 120_001 }],
    ];
    expect(requestedOf(budgets, 'etat')).toBe(420_001);
    expect(requestedOf(budgets, 'ville')).toBe(100_050);
    expect(requestedOf(budgets, 'autre')).toBe(0);
  });

  it('takes the latest review proposing an amount for a funder, not a mean', () => {
    const reviews = [
      { cofunderId: 'etat', proposedCents: 200_000, updatedAt: '2026-03-01T10:00:00Z' },
      { cofunderId: 'etat', proposedCents: 350_000, updatedAt: '2026-03-05T10:00:00Z' },
      { cofunderId: 'etat', proposedCents: null, updatedAt: '2026-03-09T10:00:00Z' },
      { cofunderId: 'ville', proposedCents: 80_000, updatedAt: '2026-03-02T10:00:00Z' },
    ];
    expect(proposedOf(reviews, 'etat')).toBe(350_000);
    expect(proposedOf(reviews, 'ville')).toBe(80_000);
    expect(proposedOf(reviews, 'autre')).toBeNull();
  });

  it('totals per funder against its envelope and per track', () => {
    const a1 = app({
      budgets: [[{ code: '74-ETAT', cofunderId: 'etat', amountCents: 400_000 }]],
      reviews: [{ cofunderId: 'etat', proposedCents: 300_000, updatedAt: '2026-03-01T10:00:00Z' }],
      decisions: [{ cofunderId: 'etat', decision: 'accorde', votedCents: 250_000 }],
    });
    const a2 = app({
      id: 'a2',
      track: 'petit_collectif',
      budgets: [
        [
          { code: '74-ETAT', cofunderId: 'etat', amountCents: 100_000 },
          { code: '74-COMMUNE', cofunderId: 'ville', amountCents: 50_000 },
        ],
      ],
      decisions: [{ cofunderId: 'ville', decision: 'rejete', votedCents: 0 }],
    });
    const t = committeeTable(funders, [a1, a2], ['projet_individuel', 'projet_collectif', 'petit_collectif']);
    expect(t.cofunders).toEqual([
      { ...funders[0], requestedCents: 500_000, proposedCents: 300_000, votedCents: 250_000 },
      { ...funders[1], requestedCents: 50_000, proposedCents: 0, votedCents: 0 },
    ]);
    expect(t.tracks).toEqual([
      { track: 'projet_individuel', requestedCents: 0, proposedCents: 0, votedCents: 0 },
      { track: 'projet_collectif', requestedCents: 400_000, proposedCents: 300_000, votedCents: 250_000 },
      { track: 'petit_collectif', requestedCents: 150_000, proposedCents: 0, votedCents: 0 },
    ]);
    expect(t.applications[1]?.lines).toEqual([
      { cofunderId: 'etat', requestedCents: 100_000, proposedCents: null, votedCents: null, decision: null },
      { cofunderId: 'ville', requestedCents: 50_000, proposedCents: null, votedCents: 0, decision: 'rejete' },
    ]);
  });
});
