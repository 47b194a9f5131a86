import type { Horizon } from './model';

/**
 * Seed 003's example pathway ("Vision collective et chemins de changements"): children of the
 * neighbourhoods more fulfilled, with parents better supported. Changes are keyed so links can
 * name them; a pathway made from the template gets fresh ids.
 */
export interface TemplateChange {
  readonly key: string;
  readonly horizon: Horizon;
  readonly text: string;
}

export const SEED003_TEMPLATE = {
  title: 'Coéducation : des enfants plus épanouis, des parents mieux accompagnés',
  vision: {
    sentence: 'Des enfants des quartiers plus épanouis avec des parents mieux accompagnés.',
    frontPageTitle: 'Dans nos quartiers, les parents ont pris toute leur place',
    frontPageStory:
      'Cinq ans après, chaque famille du quartier connaît les lieux ressources et y est accueillie. Les parents siègent dans les instances des écoles, des centres sociaux et des associations ; les professionnels se connaissent et orientent ensemble. Les enfants grandissent avec des adultes qui se parlent.',
  },
  changes: [
    {
      key: 'informes',
      horizon: 'court',
      text: 'Tous les primo-arrivants et primo-parents sont informés de l’offre territoriale existante, de leurs droits et identifient les lieux ressources.',
    },
    {
      key: 'contactes',
      horizon: 'court',
      text: 'Chaque parent a été contacté au moins 3 fois dans l’année par une structure de son quartier (démarche d’aller-vers).',
    },
    {
      key: 'formes',
      horizon: 'court',
      text: 'Les acteurs de l’éducation sont formés à la participation des parents et à la philosophie de la coéducation et adoptent une posture favorisant la confiance.',
    },
    {
      key: 'connaissent',
      horizon: 'court',
      text: 'Les acteurs de l’éducation se connaissent, réalisent un état des lieux du parcours des parents et identifient les points difficiles.',
    },
    { key: 'droits', horizon: 'moyen', text: 'Chaque parent a connaissance de ses droits.' },
    {
      key: 'investissent',
      horizon: 'moyen',
      text: 'De nouveaux parents s’investissent dans les instances consultatives ou décisionnelles des structures.',
    },
    {
      key: 'instances',
      horizon: 'moyen',
      text: 'Chaque structure a mis en œuvre une instance consultative et/ou décisionnelle dans laquelle des parents sont acteurs.',
    },
    {
      key: 'passerelles',
      horizon: 'moyen',
      text: 'Des passerelles sont créées entre les différents acteurs avec deux intentions : fluidifier les parcours des parents et aller vers les parents qu’on ne voit pas.',
    },
    {
      key: 'coeducation',
      horizon: 'long',
      text: 'Les parents jouent un rôle premier dans la coéducation de leur enfant (dès la naissance de celui-ci).',
    },
  ] satisfies readonly TemplateChange[],
  /** [from, to] by key; null is the vision. */
  links: [
    ['informes', 'droits'],
    ['contactes', 'investissent'],
    ['contactes', 'passerelles'],
    ['formes', 'instances'],
    ['connaissent', 'passerelles'],
    ['droits', 'coeducation'],
    ['investissent', 'coeducation'],
    ['instances', 'coeducation'],
    ['passerelles', 'coeducation'],
    ['coeducation', null],
  ] as const satisfies readonly (readonly [string, string | null])[],
};
