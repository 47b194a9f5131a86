import type { ApplicationAction } from './api';

/**
 * The action of an application pre-filled from a collective's project sheet and its pathway,
 * so that nothing already written is typed again. Pure.
 */

export interface PrefillSource {
  readonly collective: { readonly name: string; readonly urgency: string; readonly themes: readonly string[] };
  /** The texts of the sheet's sections (état des lieux, enjeux, animation, évaluation…), by section key. */
  readonly sections: Readonly<Partial<Record<string, string>>>;
  /** The four guiding questions' answers (2: the people to mobilise). */
  readonly answers: Readonly<Partial<Record<1 | 2 | 3 | 4, string>>>;
  /** The collective's pathway, when it has one: its changes (in order) and indicators. */
  readonly pathway: {
    readonly changes: readonly { readonly id: string; readonly text: string; readonly horizon: 'court' | 'moyen' | 'long' }[];
    readonly indicators: readonly {
      readonly name: string;
      readonly unit: string;
      readonly changeId: string | null;
      readonly targetValue: number | null;
      readonly targetYear: number | null;
    }[];
  } | null;
  /** The members currently sitting in the collective (as volunteers of the action). */
  readonly memberCount: number;
  /** The territories of the action (the collective's, when the call admits it). */
  readonly territoryIds: readonly string[];
  /** The call's programming year. */
  readonly year: number;
}

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase('fr') + s.slice(1) : s);
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

/** An empty action for a call's year. */
export function emptyAction(year: number): ApplicationAction {
  return {
    title: '',
    objectives: [],
    description: '',
    beneficiaries: { count: 0, qpvSharePercent: 0, publics: '' },
    territoryIds: [],
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    humanMeans: [],
    changeId: null,
    indicators: [],
    frequency: 'premiere',
  };
}

/** The action as the collective's sheet and pathway already say it. */
export function prefillAction(source: PrefillSource): ApplicationAction {
  const base = emptyAction(source.year);
  const sheet = source.sections;
  const changes = source.pathway?.changes ?? [];
  // The change the action serves: the first short-term change (what the action can move this year), else the first.
  const change = changes.find((c) => c.horizon === 'court') ?? changes[0] ?? null;
  // One to three objectives, each beginning with an action verb, from the pathway's short and medium changes.
  const ordered = [...changes.filter((c) => c.horizon === 'court'), ...changes.filter((c) => c.horizon === 'moyen')];
  const objectives = ordered.slice(0, 3).map((c) => clip(`Contribuer à ce changement : ${lowerFirst(c.text.trim())}`, 400));
  if (objectives.length === 0 && source.collective.urgency.trim()) {
    objectives.push(clip(`Agir sur l’urgence partagée : ${lowerFirst(source.collective.urgency.trim())}`, 400));
  }
  const paragraphs = [
    source.collective.urgency.trim() && `Urgence partagée : ${source.collective.urgency.trim()}`,
    sheet.etat_des_lieux?.trim() && `État des lieux : ${sheet.etat_des_lieux.trim()}`,
    sheet.enjeux?.trim() && `Enjeux : ${sheet.enjeux.trim()}`,
    sheet.animation?.trim() && `Mise en œuvre : ${sheet.animation.trim()}`,
    sheet.calendrier?.trim() && `Calendrier : ${sheet.calendrier.trim()}`,
  ].filter(Boolean) as string[];
  const indicators = (source.pathway?.indicators ?? [])
    .filter((i) => !change || i.changeId === change.id || i.changeId === null)
    .slice(0, 20)
    .map((i) => ({
      name: clip(i.name, 200),
      target:
        i.targetValue === null
          ? ''
          : clip(`${String(i.targetValue).replace('.', ',')} ${i.unit}${i.targetYear ? ` en ${i.targetYear}` : ''}`, 200),
    }));
  return {
    ...base,
    title: clip(`Action du collectif ${source.collective.name}`, 200),
    objectives,
    description: clip(paragraphs.join('\n\n'), 10_000),
    beneficiaries: { count: 0, qpvSharePercent: 0, publics: clip(source.answers[2]?.trim() ?? '', 2000) },
    territoryIds: [...source.territoryIds].slice(0, 50),
    humanMeans: source.memberCount > 0 ? [{ category: 'benevoles', people: source.memberCount, etptHundredths: 0 }] : [],
    changeId: change?.id ?? null,
    indicators,
  };
}
