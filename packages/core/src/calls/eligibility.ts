import { parisDay } from '../shared/time';
import type { ApplicationAction, EligibilityView } from './api';
import { UNNAMED_ACTION } from './prefill';
import { type BudgetLine, budgetProblems } from './budget';
import { type DocumentKind, DOCUMENT_KIND_LABELS, STEP_LABELS, type StepKind, TRACK_LABELS, type Track } from './model';

/**
 * The eligibility checks of a call, answered before a file is sent (pré-dossier or deposit), each
 * with its reason in French. Pure: the caller passes what the call and the file hold, and `now`.
 */

export type EligibilityCode = EligibilityView['checks'][number]['code'];

export interface EligibilityInput {
  readonly call: {
    readonly year: number;
    readonly tracks: readonly { readonly track: Track; readonly enabled: boolean }[];
    /** The territories whose residents the actions must reach, with the ones they contain (null: no restriction). */
    readonly eligibleTerritoryIds: ReadonlySet<string> | null;
    readonly steps: readonly { readonly kind: StepKind; readonly opensOn: string; readonly closesOn: string }[];
  };
  readonly application: {
    readonly track: Track;
    readonly action: ApplicationAction;
    readonly structures: readonly { readonly organisationId: string; readonly name: string; readonly role: 'lead' | 'partner' }[];
    readonly budgets: readonly { readonly organisationId: string; readonly name: string; readonly lines: readonly BudgetLine[] }[];
    readonly documents: readonly { readonly kind: DocumentKind; readonly organisationId: string | null }[];
  };
  /** What the file is about to be sent as: a pré-dossier to the local team, or the deposit. */
  readonly intent: 'pre_dossier' | 'depot';
  readonly now: Date;
}

/** Today in Europe/Paris (YYYY-MM-DD): a step opens at 00:00 Paris of its first day and closes at 24:00 of its last. */
export const parisDate = (now: Date): string => parisDay(now);

const frenchDate = (day: string): string => {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
};

/**
 * An objective begins with an action verb: a French infinitive (a word ending in -er, -ir, -re or
 * -oir: « Favoriser », « Permettre », « Agir », « Promouvoir »).
 */
export function startsWithActionVerb(objective: string): boolean {
  const first = objective.trim().split(/[\s,;:’']/u)[0] ?? '';
  return /^\p{L}{2,}(er|ir|re|oir)$/iu.test(first);
}

/** The documents every file needs: the lead structure's RIB and statutes, and the bilan N-1 on a renewal. */
export function requiredDocuments(frequency: ApplicationAction['frequency']): DocumentKind[] {
  return frequency === 'renouvellement' ? ['rib', 'statuts', 'bilan_n1'] : ['rib', 'statuts'];
}

/** Every check of the call on a file, in the order a person fixes them. */
export function checkEligibility(input: EligibilityInput): EligibilityView {
  const { call, application: a } = input;
  const checks: EligibilityView['checks'] = [];
  const add = (code: EligibilityCode, ok: boolean, message: string) => checks.push({ code, ok, message });

  // Track
  const track = call.tracks.find((t) => t.track === a.track);
  add(
    'filiere',
    Boolean(track?.enabled),
    track?.enabled
      ? `La filière « ${TRACK_LABELS[a.track]} » est ouverte dans cet appel.`
      : `La filière « ${TRACK_LABELS[a.track]} » n’est pas ouverte dans cet appel.`,
  );

  // Territories
  const territories = a.action.territoryIds;
  if (territories.length === 0) {
    add('territoire', false, 'L’action ne nomme aucun territoire : indiquez les quartiers ou communes où elle se déroule.');
  } else {
    const outside = call.eligibleTerritoryIds ? territories.filter((t) => !call.eligibleTerritoryIds?.has(t)) : [];
    add(
      'territoire',
      outside.length === 0,
      outside.length === 0
        ? 'Les territoires de l’action sont parmi les territoires éligibles de l’appel.'
        : `${outside.length === 1 ? 'Un territoire de l’action n’est' : `${outside.length} territoires de l’action ne sont`} pas parmi les territoires éligibles de l’appel.`,
    );
  }

  // Dates within the programming year
  const { startsOn, endsOn } = a.action;
  const first = `${call.year}-01-01`;
  const last = `${call.year}-12-31`;
  if (!startsOn || !endsOn) add('dates', false, 'Indiquez les dates de début et de fin de l’action.');
  else if (startsOn > endsOn) add('dates', false, 'L’action se termine avant de commencer : vérifiez ses dates.');
  else if (startsOn < first || endsOn > last)
    add(
      'dates',
      false,
      `L’action doit se dérouler pendant l’année de programmation ${call.year} (du 01/01/${call.year} au 31/12/${call.year}).`,
    );
  else add('dates', true, `L’action se déroule du ${frenchDate(startsOn)} au ${frenchDate(endsOn)}, dans l’année ${call.year}.`);

  // Calendar: the step must be open today (Paris)
  const kind: StepKind = input.intent === 'depot' ? 'depot' : 'pre_dossier';
  const today = parisDate(input.now);
  const steps = call.steps.filter((s) => s.kind === kind);
  const open = steps.find((s) => s.opensOn <= today && today <= s.closesOn);
  const label = STEP_LABELS[kind];
  if (open) add('calendrier', true, `L’étape « ${label} » est ouverte jusqu’au ${frenchDate(open.closesOn)} inclus.`);
  else if (steps.length === 0) add('calendrier', false, `L’appel n’a pas d’étape « ${label} » dans son calendrier.`);
  else {
    const next = steps.filter((s) => s.opensOn > today).sort((x, y) => x.opensOn.localeCompare(y.opensOn))[0];
    add(
      'calendrier',
      false,
      next
        ? `L’étape « ${label} » n’est pas encore ouverte : elle ouvre le ${frenchDate(next.opensOn)}.`
        : `L’étape « ${label} » est close depuis le ${frenchDate(
            steps
              .map((s) => s.closesOn)
              .sort()
              .at(-1) as string,
          )}.`,
    );
  }

  // Budgets: every structure's balances
  const budgetIssues = a.budgets.flatMap((b) => budgetProblems(b.lines).map((p) => `${b.name} : ${p}`));
  add('budget', budgetIssues.length === 0, budgetIssues.length === 0 ? 'Chaque budget est équilibré.' : budgetIssues.join(' '));

  // Documents of the lead structure
  const lead = a.structures.find((s) => s.role === 'lead');
  const missing = requiredDocuments(a.action.frequency).filter(
    (kind) => !a.documents.some((d) => d.kind === kind && (d.organisationId === null || d.organisationId === lead?.organisationId)),
  );
  add(
    'pieces',
    missing.length === 0,
    missing.length === 0
      ? 'Les pièces demandées sont jointes.'
      : `Pièce${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''}${lead ? ` pour ${lead.name}` : ''} : ${missing.map((k) => DOCUMENT_KIND_LABELS[k]).join(', ')}.`,
  );

  // The action itself
  const actionIssues: string[] = [];
  if (!a.action.title.trim() || a.action.title === UNNAMED_ACTION) actionIssues.push('donnez un intitulé à l’action');
  const objectives = a.action.objectives.filter((o) => o.trim());
  if (objectives.length === 0) actionIssues.push('indiquez un à trois objectifs');
  if (objectives.length > 3) actionIssues.push('trois objectifs au plus');
  objectives.forEach((o, i) => {
    if (!startsWithActionVerb(o))
      actionIssues.push(`l’objectif ${i + 1} doit commencer par un verbe d’action à l’infinitif (« Favoriser », « Permettre »…)`);
  });
  add(
    'action',
    actionIssues.length === 0,
    actionIssues.length === 0
      ? 'L’action est décrite (intitulé, objectifs avec un verbe d’action).'
      : `L’action est incomplète : ${actionIssues.join(' ; ')}.`,
  );

  // Structures
  const collective = a.track === 'projet_collectif' || a.track === 'petit_collectif';
  const enough = !collective || a.structures.length >= 2;
  add(
    'structures',
    enough && Boolean(lead),
    !lead
      ? 'La demande n’a pas de structure porteuse.'
      : enough
        ? collective
          ? `${a.structures.length} structures portent la demande, ${lead.name} en tête.`
          : `${lead.name} porte la demande.`
        : `Une demande de la filière « ${TRACK_LABELS[a.track]} » réunit au moins deux structures : ajoutez une structure partenaire.`,
  );

  return { ok: checks.every((c) => c.ok), checks };
}
