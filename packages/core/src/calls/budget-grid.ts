/**
 * The budget grid of the CERFA 12156 as plain data (no zod): the web's catalogues and pages read
 * it without loading the schemas. `budget.ts` adds the line schema and the sums.
 */

export type BudgetSide = 'charges' | 'produits';
/** `main`: the budget proper; `nature`: the voluntary contributions in kind (86 and 87), balanced on their own. */
export type BudgetPart = 'main' | 'nature';

export interface BudgetCode {
  readonly code: string;
  readonly label: string;
  readonly side: BudgetSide;
  readonly part: BudgetPart;
  /** The account class it sums into on the form (60, 61… 86; 'CI' for the indirect charges; 'RP' for own resources). */
  readonly group: string;
  /** A 74 line: a subsidy, one line per funder. */
  readonly subsidy?: boolean;
}

const c = (code: string, group: string, label: string, part: BudgetPart = 'main'): BudgetCode => ({
  code,
  label,
  side: 'charges',
  part,
  group,
});
const p = (code: string, group: string, label: string, part: BudgetPart = 'main', subsidy = false): BudgetCode => ({
  code,
  label,
  side: 'produits',
  part,
  group,
  ...(subsidy ? { subsidy } : {}),
});

/** Every line of the grid, in the form's order. */
export const BUDGET_CODES: readonly BudgetCode[] = [
  c('601', '60', 'Achats matières et fournitures'),
  c('604', '60', 'Achats d’études et de prestations de services'),
  c('606', '60', 'Autres fournitures'),
  c('613', '61', 'Locations'),
  c('615', '61', 'Entretien et réparation'),
  c('616', '61', 'Assurance'),
  c('618', '61', 'Documentation'),
  c('622', '62', 'Rémunérations intermédiaires et honoraires'),
  c('623', '62', 'Publicité, publication'),
  c('625', '62', 'Déplacements, missions'),
  c('626', '62', 'Frais postaux et de télécommunication'),
  c('627', '62', 'Services bancaires, autres'),
  c('631', '63', 'Impôts et taxes sur rémunération'),
  c('635', '63', 'Autres impôts et taxes'),
  c('641', '64', 'Rémunération des personnels'),
  c('645', '64', 'Charges sociales'),
  c('647', '64', 'Autres charges sociales'),
  c('648', '64', 'Autres charges de personnel'),
  c('65', '65', 'Autres charges de gestion courante'),
  c('66', '66', 'Charges financières'),
  c('67', '67', 'Charges exceptionnelles'),
  c('68', '68', 'Dotation aux amortissements'),
  c('69', '69', 'Impôt sur les bénéfices (IS) ; participation des salariés'),
  c('CI1', 'CI', 'Charges indirectes : charges fixes de fonctionnement'),
  c('CI2', 'CI', 'Charges indirectes : frais financiers'),
  c('CI3', 'CI', 'Charges indirectes : autres'),
  c('860', '86', 'Secours en nature', 'nature'),
  c('861', '86', 'Mise à disposition gratuite de biens et services', 'nature'),
  c('862', '86', 'Prestations', 'nature'),
  c('864', '86', 'Personnel bénévole', 'nature'),
  p('70', '70', 'Vente de produits finis, de marchandises, prestations de services'),
  p('73', '73', 'Dotations et produits de tarification'),
  p('74-ETAT', '74', 'État (préciser le ministère et la direction)', 'main', true),
  p('74-REGION', '74', 'Région(s)', 'main', true),
  p('74-DEPARTEMENT', '74', 'Département(s)', 'main', true),
  p('74-EPCI', '74', 'Intercommunalité(s) : EPCI', 'main', true),
  p('74-COMMUNE', '74', 'Commune(s)', 'main', true),
  p('74-ORGANISMES-SOCIAUX', '74', 'Organismes sociaux (CAF, etc.)', 'main', true),
  p('74-FONDS-EUROPEENS', '74', 'Fonds européens (FSE, FEDER, etc.)', 'main', true),
  p('74-ASP', '74', 'L’agence de services et de paiement (emplois aidés)', 'main', true),
  p('74-AUTRES-PUBLICS', '74', 'Autres établissements publics', 'main', true),
  p('74-PRIVES', '74', 'Aides privées', 'main', true),
  p('756', '75', 'Cotisations'),
  p('758', '75', 'Dons manuels, mécénat'),
  p('75', '75', 'Autres produits de gestion courante'),
  p('76', '76', 'Produits financiers'),
  p('77', '77', 'Produits exceptionnels'),
  p('789', '78', 'Report de ressources affectées et non utilisées d’opérations antérieures'),
  p('78', '78', 'Reprises sur amortissements et provisions'),
  p('79', '79', 'Transfert de charges'),
  p('RP', 'RP', 'Ressources propres affectées au projet'),
  p('870', '87', 'Bénévolat', 'nature'),
  p('871', '87', 'Prestations en nature', 'nature'),
  p('875', '87', 'Dons en nature', 'nature'),
];

const byCode = new Map(BUDGET_CODES.map((b) => [b.code, b]));
export const BUDGET_CODE_VALUES = BUDGET_CODES.map((b) => b.code) as [string, ...string[]];

/** The grid's line for a code, or null when the code is not one of the CERFA's. */
export function budgetCode(code: string): BudgetCode | null {
  return byCode.get(code) ?? null;
}
