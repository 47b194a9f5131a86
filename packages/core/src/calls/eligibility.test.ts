import { describe, expect, it } from 'vitest';
import type { ApplicationAction } from './api';
import { checkEligibility, type EligibilityInput, startsWithActionVerb } from './eligibility';
import { prefillAction } from './prefill';

const Q1 = '00000000-0000-4000-8000-0000000000a1';
const Q2 = '00000000-0000-4000-8000-0000000000a2';
const ORG = '00000000-0000-4000-8000-0000000000b1';
const PARTNER = '00000000-0000-4000-8000-0000000000b2';

const action: ApplicationAction = {
  title: 'Ateliers parents-enfants',
  objectives: ['Favoriser les liens entre parents', 'Permettre aux enfants de lire'],
  description: 'Des ateliers le mercredi.',
  beneficiaries: { count: 40, qpvSharePercent: 80, publics: 'Parents' },
  territoryIds: [Q1],
  startsOn: '2026-02-01',
  endsOn: '2026-12-15',
  humanMeans: [],
  changeId: null,
  indicators: [],
  frequency: 'premiere',
};

const base = (): EligibilityInput => ({
  call: {
    year: 2026,
    tracks: [
      { track: 'projet_individuel', enabled: true },
      { track: 'projet_collectif', enabled: true },
      { track: 'petit_collectif', enabled: false },
    ],
    eligibleTerritoryIds: new Set([Q1]),
    steps: [
      { kind: 'pre_dossier', opensOn: '2025-10-01', closesOn: '2025-11-30' },
      { kind: 'depot', opensOn: '2025-12-01', closesOn: '2026-01-15' },
    ],
  },
  application: {
    track: 'projet_individuel',
    action,
    structures: [{ organisationId: ORG, name: 'Les Lucioles', role: 'lead' }],
    budgets: [
      {
        organisationId: ORG,
        name: 'Les Lucioles',
        lines: [
          { code: '601', detail: '', cofunderId: null, amountCents: 1_000_00 },
          { code: '74-ETAT', detail: '', cofunderId: null, amountCents: 1_000_00 },
        ],
      },
    ],
    documents: [
      { kind: 'rib', organisationId: ORG },
      { kind: 'statuts', organisationId: null },
    ],
  },
  intent: 'depot',
  // 15 January 2026, 23:30 in Paris: still the last day of the deposit.
  now: new Date('2026-01-15T22:30:00Z'),
});

const failing = (input: EligibilityInput) =>
  checkEligibility(input)
    .checks.filter((c) => !c.ok)
    .map((c) => c.code);

describe('eligibility of a file to a call', () => {
  it('passes every check of a complete file, the last evening of the deposit (Paris time)', () => {
    const view = checkEligibility(base());
    expect(view.checks.map((c) => c.code)).toEqual([
      'filiere',
      'territoire',
      'dates',
      'calendrier',
      'budget',
      'pieces',
      'action',
      'structures',
    ]);
    expect(view.ok).toBe(true);
  });

  it('closes the deposit at midnight Paris, and says when a step opens', () => {
    const late = { ...base(), now: new Date('2026-01-15T23:00:00Z') };
    expect(failing(late)).toEqual(['calendrier']);
    expect(checkEligibility(late).checks.find((c) => c.code === 'calendrier')?.message).toContain('close depuis le 15/01/2026');
    const early = { ...base(), now: new Date('2025-11-20T10:00:00Z') };
    expect(checkEligibility(early).checks.find((c) => c.code === 'calendrier')?.message).toContain('ouvre le 01/12/2025');
    expect(failing({ ...early, intent: 'pre_dossier' })).toEqual([]);
  });

  it('refuses a closed track, a territory outside the call, dates outside the year', () => {
    const i = base();
    expect(failing({ ...i, application: { ...i.application, track: 'petit_collectif' } })).toContain('filiere');
    expect(failing({ ...i, application: { ...i.application, action: { ...action, territoryIds: [Q2] } } })).toEqual(['territoire']);
    expect(failing({ ...i, application: { ...i.application, action: { ...action, territoryIds: [] } } })).toEqual(['territoire']);
    expect(
      failing({
        ...i,
        call: { ...i.call, eligibleTerritoryIds: null },
        application: { ...i.application, action: { ...action, territoryIds: [Q2] } },
      }),
    ).toEqual([]);
    const dates = checkEligibility({ ...i, application: { ...i.application, action: { ...action, endsOn: '2027-01-31' } } });
    expect(dates.checks.find((c) => c.code === 'dates')).toMatchObject({ ok: false, message: expect.stringContaining('2026') });
  });

  it('names the structure and the gap in euros of an unbalanced budget', () => {
    const i = base();
    const budgets = [
      {
        ...i.application.budgets[0]!,
        lines: [{ code: '601', detail: '', cofunderId: null, amountCents: 1_500_00 }, ...i.application.budgets[0]!.lines.slice(1)],
      },
    ];
    const check = checkEligibility({ ...i, application: { ...i.application, budgets } }).checks.find((c) => c.code === 'budget');
    expect(check?.ok).toBe(false);
    expect(check?.message).toContain('Les Lucioles');
    expect(check?.message).toContain('500,00\u00a0€');
  });

  it('asks for the RIB and the statuts, and the bilan N-1 on a renewal', () => {
    const i = base();
    const noRib = checkEligibility({ ...i, application: { ...i.application, documents: [{ kind: 'statuts', organisationId: ORG }] } });
    expect(noRib.checks.find((c) => c.code === 'pieces')?.message).toBe('Pièce manquante pour Les Lucioles : RIB.');
    const renewal = checkEligibility({ ...i, application: { ...i.application, action: { ...action, frequency: 'renouvellement' } } });
    expect(renewal.checks.find((c) => c.code === 'pieces')?.message).toContain('Bilan de l’action N-1');
    // A partner's RIB is not the lead's.
    const partnerRib = {
      ...i,
      application: {
        ...i.application,
        documents: [
          { kind: 'rib' as const, organisationId: PARTNER },
          { kind: 'statuts' as const, organisationId: ORG },
        ],
      },
    };
    expect(failing(partnerRib)).toEqual(['pieces']);
  });

  it('wants one to three objectives each beginning with an action verb', () => {
    expect(startsWithActionVerb('Favoriser la lecture')).toBe(true);
    expect(startsWithActionVerb('Permettre aux familles de sortir')).toBe(true);
    expect(startsWithActionVerb('Promouvoir le sport')).toBe(true);
    expect(startsWithActionVerb('Agir ensemble')).toBe(true);
    expect(startsWithActionVerb('La lecture pour tous')).toBe(false);
    expect(startsWithActionVerb('Ateliers du mercredi')).toBe(false);
    const i = base();
    const bad = checkEligibility({
      ...i,
      application: { ...i.application, action: { ...action, objectives: ['Favoriser x', 'Des ateliers'] } },
    });
    expect(bad.checks.find((c) => c.code === 'action')?.message).toContain('l’objectif 2 doit commencer par un verbe d’action');
    expect(failing({ ...i, application: { ...i.application, action: { ...action, objectives: [] } } })).toEqual(['action']);
  });

  it('wants two structures at least on a collective track', () => {
    const i = base();
    const alone = { ...i, application: { ...i.application, track: 'projet_collectif' as const } };
    expect(failing(alone)).toEqual(['structures']);
    const two = {
      ...alone,
      application: {
        ...alone.application,
        structures: [...alone.application.structures, { organisationId: PARTNER, name: 'Le Pas de côté', role: 'partner' as const }],
      },
    };
    expect(failing(two)).toEqual([]);
  });
});

describe('an action pre-filled from a collective', () => {
  it('takes the title, objectives with a verb, description, publics, territories, the change and its indicators', () => {
    const a = prefillAction({
      collective: { name: 'Parents des Coteaux', urgency: 'Les parents isolés', themes: ['Parentalité'] },
      sections: { etat_des_lieux: 'Peu de lieux pour les familles.', animation: 'Un café des parents chaque mois.' },
      answers: { 2: 'Les parents du quartier, les écoles' },
      pathway: {
        changes: [
          { id: 'c-long', text: 'Les parents prennent leur place dans l’école', horizon: 'long' },
          { id: 'c-court', text: 'Les parents se connaissent', horizon: 'court' },
        ],
        indicators: [
          { name: 'Parents venus au café', unit: 'personnes', changeId: 'c-court', targetValue: 30, targetYear: 2026 },
          { name: 'Autre', unit: '%', changeId: 'c-long', targetValue: null, targetYear: null },
        ],
      },
      memberCount: 5,
      territoryIds: [Q1],
      year: 2026,
    });
    expect(a.title).toBe('Action du collectif Parents des Coteaux');
    expect(a.objectives).toEqual(['Contribuer à ce changement : les parents se connaissent']);
    expect(a.objectives.every(startsWithActionVerb)).toBe(true);
    expect(a.description).toContain('Urgence partagée : Les parents isolés');
    expect(a.description).toContain('Un café des parents');
    expect(a.beneficiaries.publics).toBe('Les parents du quartier, les écoles');
    expect(a.territoryIds).toEqual([Q1]);
    expect(a.changeId).toBe('c-court');
    expect(a.indicators).toEqual([{ name: 'Parents venus au café', target: '30 personnes en 2026' }]);
    expect(a.humanMeans).toEqual([{ category: 'benevoles', people: 5, etptHundredths: 0 }]);
    expect([a.startsOn, a.endsOn]).toEqual(['2026-01-01', '2026-12-31']);
  });

  it('falls back on the urgency when there is no pathway', () => {
    const a = prefillAction({
      collective: { name: 'X', urgency: 'Les jeunes sans stage', themes: [] },
      sections: {},
      answers: {},
      pathway: null,
      memberCount: 0,
      territoryIds: [],
      year: 2026,
    });
    expect(a.objectives).toEqual(['Agir sur l’urgence partagée : les jeunes sans stage']);
    expect(a.changeId).toBeNull();
  });
});
