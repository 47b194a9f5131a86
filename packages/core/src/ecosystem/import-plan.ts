import { ACCEPTED_CSV_ENCODINGS, type CsvParsed, readCsv, writeCsv } from '../shared/csv';
import { searchKey } from '../shared/text';
import { checkCompanyId, normaliseRna } from './identifiers';
import { type DuplicateProbe, duplicateReason, type OrganisationKind, actorKindLabels, organisationNameKey } from './model';

/** One problem of an imported file, by physical line and column (the file's own header). */
export interface ImportIssue {
  readonly line: number;
  readonly column: string | null;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** How an import sees the store: territories, themes and organisations already known. */
export interface ImportLookups {
  /** The territory the file is imported into (every row acts on it when no commune is given). */
  readonly territoryId: string;
  /**
   * A commune or quartier by official code, slug or name, within the import territory; with a
   * postal code, only a commune of that département (`postalCodeFitsInsee`) answers, so a
   * commune's namesake elsewhere in France is never taken for it.
   */
  territory(value: string, postalCode?: string | null): string | null;
  /** A theme by label (accent- and case-insensitive). */
  theme(label: string): string | null;
  /** Existing organisations that may be duplicates (by SIREN or name key). */
  readonly organisations: readonly (DuplicateProbe & { id: string })[];
}

export interface OrganisationDraft {
  readonly line: number;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly siren: string | null;
  readonly siret: string | null;
  readonly rna: string | null;
  readonly communeId: string | null;
  readonly territoryIds: readonly string[];
  readonly themeIds: readonly string[];
  readonly description: string | null;
  readonly address: string | null;
  readonly website: string | null;
  readonly publicEmail: string | null;
  readonly publicPhone: string | null;
  /** Probable duplicates: existing organisation ids, or the line of an earlier row of the file. */
  readonly duplicateOf: readonly { id?: string; line?: number; name: string; reason: string }[];
}

export interface PersonDraft {
  readonly line: number;
  readonly name: string;
  readonly function: string | null;
  readonly organisationIds: readonly string[];
  readonly territoryIds: readonly string[];
  readonly themeIds: readonly string[];
  readonly isResource: boolean;
  readonly resourceFor: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly contactConsent: boolean;
  readonly contactConsentOn: string | null;
  /** Probable duplicates: an existing person (same e-mail, or same name in the same organisation), or an earlier line. */
  readonly duplicateOf: readonly { id?: string; line?: number; name: string; reason: string }[];
}

export interface ImportPlan<D> {
  readonly encoding: string;
  readonly separator: string;
  readonly columns: readonly string[];
  readonly rows: readonly D[];
  readonly issues: readonly ImportIssue[];
  readonly summary: { readonly valid: number; readonly duplicates: number; readonly errors: number };
}

type Field<K extends string> = { key: K; synonyms: readonly string[]; required?: boolean };

const postalCodeSynonyms = ['code postal', 'cp', 'c p', 'code postale', 'postal', 'code post'];

/**
 * Whether a postal code can belong to a commune of this INSEE code: both start with the
 * département ("78200" and "78361"), Corsica's 20xxx postal codes going with 2A and 2B, the
 * overseas 97x with their three digits. A fictional or mistyped commune thus never silently
 * matches its namesake in another département.
 */
export function postalCodeFitsInsee(postalCode: string, insee: string): boolean {
  const postal = postalCode.replace(/\s/g, '');
  if (!/^\d{5}$/.test(postal)) return false;
  const code = insee.toUpperCase();
  if (postal.startsWith('97') || postal.startsWith('98')) return code.startsWith(postal.slice(0, 3));
  if (postal.startsWith('20')) return code.startsWith('2A') || code.startsWith('2B') || code.startsWith('20');
  return code.startsWith(postal.slice(0, 2));
}

/** A French postal code as a file writes it ("78200", "78 200", "8000" when a spreadsheet dropped the 0). */
export function normalisePostalCode(value: string): string | null {
  const digits = value.replace(/\s/g, '');
  if (/^\d{5}$/.test(digits)) return digits;
  if (/^\d{4}$/.test(digits)) return `0${digits}`;
  return null;
}

const organisationFields = [
  {
    key: 'name',
    synonyms: ['nom', 'raison sociale', 'denomination', 'nom de la structure', 'structure', 'organisation', 'nom de l organisation'],
    required: true,
  },
  { key: 'kind', synonyms: ['type', 'nature', 'categorie', 'type d acteur', 'type de structure', 'statut'], required: true },
  { key: 'companyId', synonyms: ['siren', 'siret', 'siren siret', 'n siret', 'n siren', 'numero siret', 'numero siren'] },
  { key: 'rna', synonyms: ['rna', 'numero rna', 'n rna'] },
  { key: 'commune', synonyms: ['commune', 'ville', 'code commune', 'code insee'] },
  { key: 'postalCode', synonyms: postalCodeSynonyms },
  { key: 'territories', synonyms: ['territoires', 'territoires d action', 'quartiers', 'quartier', 'territoire'] },
  { key: 'themes', synonyms: ['themes', 'theme', 'thematiques', 'thematique'] },
  { key: 'description', synonyms: ['description', 'objet', 'presentation', 'activites'] },
  { key: 'address', synonyms: ['adresse', 'adresse postale'] },
  { key: 'website', synonyms: ['site', 'site web', 'site internet', 'web'] },
  { key: 'email', synonyms: ['courriel', 'email', 'e mail', 'mail', 'courriel de contact', 'contact'] },
  { key: 'phone', synonyms: ['telephone', 'tel', 'tel.'] },
] as const satisfies readonly Field<string>[];

const personFields = [
  { key: 'name', synonyms: ['nom', 'nom prenom', 'prenom nom', 'nom et prenom', 'personne'], required: true },
  { key: 'function', synonyms: ['fonction', 'poste', 'role', 'metier'] },
  { key: 'organisation', synonyms: ['organisation', 'structure', 'organisme', 'employeur', 'siren', 'siret'] },
  { key: 'commune', synonyms: ['commune', 'ville', 'code commune', 'code insee'] },
  { key: 'postalCode', synonyms: postalCodeSynonyms },
  { key: 'territories', synonyms: ['territoires', 'quartiers', 'quartier', 'territoire'] },
  { key: 'themes', synonyms: ['themes', 'theme', 'thematiques', 'thematique'] },
  { key: 'resource', synonyms: ['personne ressource', 'ressource'] },
  { key: 'resourceFor', synonyms: ['ressource pour', 'domaine de ressource', 'expertise'] },
  { key: 'email', synonyms: ['courriel', 'email', 'e mail', 'mail'] },
  { key: 'phone', synonyms: ['telephone', 'tel', 'portable'] },
  { key: 'consent', synonyms: ['consentement', 'consentement rgpd', 'accord rgpd', 'accord'] },
  { key: 'consentOn', synonyms: ['date du consentement', 'date consentement', 'consentement le'] },
] as const satisfies readonly Field<string>[];

type Columns<K extends string> = Partial<Record<K, { index: number; label: string }>>;

function mapHeader<K extends string>(header: readonly string[], fields: readonly Field<K>[], issues: ImportIssue[]): Columns<K> | null {
  const columns: Columns<K> = {};
  header.forEach((label, index) => {
    const key = searchKey(label);
    const field = fields.find((f) => f.synonyms.includes(key));
    if (!field) {
      issues.push({ line: 1, column: label, message: 'colonne non reconnue, ignorée', severity: 'warning' });
    } else if (columns[field.key]) {
      issues.push({
        line: 1,
        column: label,
        message: `colonne en double (déjà lue dans « ${columns[field.key]?.label} »), ignorée`,
        severity: 'warning',
      });
    } else {
      columns[field.key] = { index, label };
    }
  });
  const missing = fields.filter((f) => f.required && !columns[f.key]);
  for (const f of missing) {
    issues.push({
      line: 1,
      column: f.synonyms[0] ?? f.key,
      message: `colonne obligatoire absente (en-têtes lus : ${header.join(', ') || 'aucun'})`,
      severity: 'error',
    });
  }
  return missing.length ? null : columns;
}

const kindSynonyms: Record<string, OrganisationKind> = {
  asso: 'association',
  associations: 'association',
  'centre socio culturel': 'centre_social',
  'espace de vie sociale': 'centre_social',
  evs: 'centre_social',
  mairie: 'collectivite',
  commune: 'collectivite',
  ville: 'collectivite',
  epci: 'collectivite',
  agglomeration: 'collectivite',
  departement: 'collectivite',
  region: 'collectivite',
  'collectivite territoriale': 'collectivite',
  etat: 'etat',
  prefecture: 'etat',
  'education nationale': 'etat',
  dreets: 'etat',
  'delegue du prefet': 'etat',
  bailleur: 'bailleur',
  'office hlm': 'bailleur',
  hlm: 'bailleur',
  societe: 'entreprise',
  collectif: 'collectif_habitants',
  'centre de ressources politique de la ville': 'centre_ressources',
  'centre de ressources': 'centre_ressources',
};

/** A word in the singular, as far as kinds need it: "sociaux" → "social", "bailleurs" → "bailleur". */
const singular = (word: string) =>
  word.length > 4 && word.endsWith('aux') ? `${word.slice(0, -3)}al` : word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word;
/** What two spellings of a kind share: accents, case, apostrophes (straight or curly) and plurals folded. */
const kindKey = (value: string) => searchKey(value).split(' ').map(singular).join(' ');
const kindIndex = new Map<string, OrganisationKind>([
  ...Object.entries(kindSynonyms).map(([k, v]) => [kindKey(k), v] as const),
  ...Object.entries(actorKindLabels).flatMap(([kind, label]) => [
    [kindKey(label), kind as OrganisationKind] as const,
    [kindKey(kind), kind as OrganisationKind] as const,
  ]),
]);

/**
 * An actor kind from what a file says ("Asso", "Centre social", "Mairie"…), written with or
 * without accents, a straight or curly apostrophe, in the singular or the plural
 * ("Collectivite", "Bailleurs sociaux", "Collectif d'habitants").
 */
export function parseKind(value: string): OrganisationKind | null {
  return kindIndex.get(kindKey(value)) ?? null;
}

const yes = new Set(['oui', 'o', 'yes', 'y', 'x', '1', 'vrai', 'true']);
const no = new Set(['non', 'n', 'no', '0', 'faux', 'false', '']);

/** A French date (JJ/MM/AAAA) or ISO date; null when invalid. */
export function parseFrenchDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  let y: number;
  let mo: number;
  let d: number;
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const splitList = (value: string) =>
  value
    .split(/[|,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

function prepare(bytes: Uint8Array): { parsed: CsvParsed; issues: ImportIssue[] } {
  const parsed = readCsv(bytes);
  const issues: ImportIssue[] = parsed.issues.map((i) => ({
    line: i.line,
    column: null,
    message:
      i.code === 'unreadable_encoding'
        ? ACCEPTED_CSV_ENCODINGS
        : i.code === 'unterminated_quote'
          ? 'guillemet ouvert jamais refermé : la fin du fichier a été lue comme un seul champ'
          : 'texte après un guillemet fermant : la lecture du fichier s’arrête à cette ligne ; corrigez le champ (guillemets doublés à l’intérieur) puis réessayez',
    severity: 'error',
  }));
  if (parsed.header.length === 0 && parsed.issues.length === 0)
    issues.push({ line: 1, column: null, message: 'fichier vide : la première ligne doit contenir les en-têtes', severity: 'error' });
  return { parsed, issues };
}

function summarise<D extends { duplicateOf: readonly unknown[] }>(
  parsed: CsvParsed,
  columns: readonly string[],
  rows: D[],
  issues: ImportIssue[],
  badLines: Set<number>,
): ImportPlan<D> {
  // Lines in error: rejected rows, plus file-level errors (missing column, unterminated quote).
  const errorLines = new Set([...badLines, ...issues.filter((i) => i.severity === 'error').map((i) => i.line)]);
  const valid = rows.filter((r) => r.duplicateOf.length === 0).length;
  return {
    encoding: parsed.encoding,
    separator: parsed.separator,
    columns,
    rows,
    issues: [...issues].sort((a, b) => a.line - b.line),
    summary: { valid, duplicates: rows.length - valid, errors: errorLines.size },
  };
}

/** Organisations by SIREN and by name key + commune, the only ways two can be duplicates. */
function duplicateIndex<T extends DuplicateProbe>(items: readonly T[]) {
  const bySiren = new Map<string, T[]>();
  const byName = new Map<string, T[]>();
  const push = (map: Map<string, T[]>, key: string, item: T) => {
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  };
  const add = (item: T) => {
    if (item.siren) push(bySiren, item.siren, item);
    if (item.communeId) push(byName, `${organisationNameKey(item.name)}|${item.communeId}`, item);
  };
  for (const item of items) add(item);
  return {
    add,
    candidates(probe: DuplicateProbe): T[] {
      const found = new Set<T>(probe.siren ? (bySiren.get(probe.siren) ?? []) : []);
      if (probe.communeId) for (const o of byName.get(`${organisationNameKey(probe.name)}|${probe.communeId}`) ?? []) found.add(o);
      return [...found];
    },
  };
}

/**
 * Reads a CSV of organisations and checks every line: nothing is written here. Each problem is
 * reported with its physical line and the file's own column name.
 */
export function planOrganisationImport(bytes: Uint8Array, lookups: ImportLookups): ImportPlan<OrganisationDraft> {
  const { parsed, issues } = prepare(bytes);
  const rows: OrganisationDraft[] = [];
  const badLines = new Set<number>();
  const columns = parsed.header.length ? mapHeader(parsed.header, organisationFields, issues) : null;
  if (!columns) return summarise(parsed, parsed.header, rows, issues, badLines);
  // Duplicate candidates by SIREN and by name key + commune: O(1) per line, not a scan of the store.
  const index = duplicateIndex(lookups.organisations);
  const seen = duplicateIndex<DuplicateProbe & { line: number }>([]);
  for (const record of parsed.records) {
    const errors: ImportIssue[] = [];
    const get = (k: keyof typeof columns) => {
      const c = columns[k];
      return c ? (record.fields[c.index] ?? '').trim() : '';
    };
    const err = (k: keyof typeof columns, message: string) =>
      errors.push({ line: record.line, column: columns[k]?.label ?? null, message, severity: 'error' });
    const warn = (k: keyof typeof columns, message: string) =>
      issues.push({ line: record.line, column: columns[k]?.label ?? null, message, severity: 'warning' });
    if (record.fields.length > parsed.header.length && record.fields.slice(parsed.header.length).some((f) => f.trim())) {
      issues.push({
        line: record.line,
        column: null,
        message: `${record.fields.length} champs pour ${parsed.header.length} colonnes : les champs en trop sont ignorés (séparateur « ${parsed.separator} » attendu)`,
        severity: 'warning',
      });
    }
    const name = get('name');
    if (name.length < 2) err('name', name ? 'nom trop court (2 caractères au moins)' : 'nom obligatoire');
    if (name.length > 200) err('name', 'nom trop long (200 caractères au plus)');
    const kindText = get('kind');
    const kind = parseKind(kindText);
    if (!kind)
      err('kind', kindText ? `type « ${kindText} » inconnu (attendu : ${Object.values(actorKindLabels).join(', ')})` : 'type obligatoire');
    let siren: string | null = null;
    let siret: string | null = null;
    const companyText = get('companyId');
    if (companyText) {
      const check = checkCompanyId(companyText);
      if (check.ok) ({ siren, siret } = check);
      else
        err(
          'companyId',
          check.error === 'siren_format'
            ? `« ${companyText} » : un SIREN a 9 chiffres, un SIRET 14`
            : `« ${companyText} » : numéro invalide (la clé de contrôle ne correspond pas)`,
        );
    }
    const rnaText = get('rna');
    const rna = rnaText ? normaliseRna(rnaText) : null;
    if (rnaText && !rna) err('rna', `« ${rnaText} » : un numéro RNA s’écrit W suivi de 9 caractères (W751234567)`);
    const communeText = get('commune');
    const postalText = get('postalCode');
    const postalCode = postalText ? normalisePostalCode(postalText) : null;
    if (postalText && !postalCode) err('postalCode', `« ${postalText} » : un code postal a 5 chiffres (78200)`);
    const communeId = communeText ? lookups.territory(communeText, postalCode) : null;
    if (communeText && !communeId)
      err(
        'commune',
        postalCode
          ? `commune « ${communeText} » introuvable avec le code postal ${postalCode} dans le territoire importé`
          : `commune « ${communeText} » introuvable dans le territoire importé (code INSEE ou nom)`,
      );
    const territoryIds = new Set<string>();
    for (const t of splitList(get('territories'))) {
      const id = lookups.territory(t);
      if (id) territoryIds.add(id);
      else err('territories', `territoire « ${t} » introuvable dans le territoire importé`);
    }
    if (communeId) territoryIds.add(communeId);
    if (territoryIds.size === 0) territoryIds.add(lookups.territoryId);
    const themeIds = new Set<string>();
    for (const t of splitList(get('themes'))) {
      const id = lookups.theme(t);
      if (id) themeIds.add(id);
      else warn('themes', `thème « ${t} » inconnu, ignoré (un coordinateur peut l’ajouter au territoire)`);
    }
    const website = get('website');
    let site: string | null = null;
    if (website) {
      const withScheme = /^https?:\/\//i.test(website) ? website : `https://${website}`;
      if (/^https?:\/\/[^\s/]+\.[^\s/]+/i.test(withScheme)) site = withScheme;
      else err('website', `« ${website} » n’est pas une adresse web`);
    }
    const email = get('email');
    if (email && !emailPattern.test(email)) err('email', `« ${email} » n’est pas une adresse e-mail`);
    const description = get('description');
    if (description.length > 4000) err('description', 'description trop longue (4 000 caractères au plus)');
    if (errors.length) {
      issues.push(...errors);
      badLines.add(record.line);
      continue;
    }
    const probe: DuplicateProbe = { name, siren, communeId };
    const duplicateOf: OrganisationDraft['duplicateOf'][number][] = [];
    for (const o of index.candidates(probe)) {
      const reason = duplicateReason(probe, o);
      if (reason) duplicateOf.push({ id: o.id, name: o.name, reason });
    }
    for (const o of seen.candidates(probe)) {
      const reason = duplicateReason(probe, o);
      if (reason) duplicateOf.push({ line: o.line, name: o.name, reason });
    }
    for (const d of duplicateOf) {
      issues.push({
        line: record.line,
        column: d.reason === 'same_siren' ? (columns.companyId?.label ?? null) : (columns.name?.label ?? null),
        message: `doublon probable de « ${d.name} »${d.line ? ` (ligne ${d.line})` : ''} : ${d.reason === 'same_siren' ? 'même SIREN' : 'même nom dans la même commune'}`,
        severity: 'warning',
      });
    }
    seen.add({ ...probe, line: record.line });
    rows.push({
      line: record.line,
      name,
      kind: kind as OrganisationKind,
      siren,
      siret,
      rna,
      communeId,
      territoryIds: [...territoryIds],
      themeIds: [...themeIds],
      description: description || null,
      address: get('address') || null,
      website: site,
      publicEmail: email || null,
      publicPhone: get('phone') || null,
      duplicateOf,
    });
  }
  return summarise(parsed, parsed.header, rows, issues, badLines);
}

export interface PersonLookups extends ImportLookups {
  /** An organisation by name (normalised) or SIREN/SIRET. */
  organisation(value: string): string | null;
  /**
   * A person already in the store that this line probably is: same e-mail (case ignored), or
   * same name (`searchKey`) in one of the same organisations. Absent: only the file is checked.
   */
  existingPerson?(probe: { nameKey: string; email: string | null; organisationIds: readonly string[] }): ExistingPersonMatch | null;
}

export interface ExistingPersonMatch {
  readonly id: string;
  readonly name: string;
  readonly reason: 'same_email' | 'same_name_and_organisation';
}

/** Reads a CSV of people and checks every line; contact details need the person's consent. */
export function planPeopleImport(bytes: Uint8Array, lookups: PersonLookups): ImportPlan<PersonDraft> {
  const { parsed, issues } = prepare(bytes);
  const rows: PersonDraft[] = [];
  const badLines = new Set<number>();
  const columns = parsed.header.length ? mapHeader(parsed.header, personFields, issues) : null;
  if (!columns) return summarise(parsed, parsed.header, rows, issues, badLines);
  const seen = new Map<string, number>();
  for (const record of parsed.records) {
    const errors: ImportIssue[] = [];
    const get = (k: keyof typeof columns) => {
      const c = columns[k];
      return c ? (record.fields[c.index] ?? '').trim() : '';
    };
    const err = (k: keyof typeof columns, message: string) =>
      errors.push({ line: record.line, column: columns[k]?.label ?? null, message, severity: 'error' });
    const warn = (k: keyof typeof columns, message: string) =>
      issues.push({ line: record.line, column: columns[k]?.label ?? null, message, severity: 'warning' });
    const name = get('name');
    if (name.length < 2) err('name', name ? 'nom trop court (2 caractères au moins)' : 'nom obligatoire');
    if (name.length > 160) err('name', 'nom trop long (160 caractères au plus)');
    const organisationIds = new Set<string>();
    for (const o of splitList(get('organisation'))) {
      const id = lookups.organisation(o);
      if (id) organisationIds.add(id);
      else err('organisation', `organisation « ${o} » introuvable : importez d’abord les organisations`);
    }
    const territoryIds = new Set<string>();
    const postalText = get('postalCode');
    const postalCode = postalText ? normalisePostalCode(postalText) : null;
    if (postalText && !postalCode) err('postalCode', `« ${postalText} » : un code postal a 5 chiffres (78200)`);
    for (const t of [get('commune'), ...splitList(get('territories'))].filter(Boolean)) {
      const id = lookups.territory(t, t === get('commune') ? postalCode : null);
      if (id) territoryIds.add(id);
      else err(t === get('commune') ? 'commune' : 'territories', `territoire « ${t} » introuvable dans le territoire importé`);
    }
    if (territoryIds.size === 0) territoryIds.add(lookups.territoryId);
    const themeIds = new Set<string>();
    for (const t of splitList(get('themes'))) {
      const id = lookups.theme(t);
      if (id) themeIds.add(id);
      else warn('themes', `thème « ${t} » inconnu, ignoré`);
    }
    const resourceText = searchKey(get('resource'));
    if (!yes.has(resourceText) && !no.has(resourceText)) err('resource', `« ${get('resource')} » : répondez oui ou non`);
    const consentText = searchKey(get('consent'));
    if (!yes.has(consentText) && !no.has(consentText)) err('consent', `« ${get('consent')} » : répondez oui ou non`);
    const consent = yes.has(consentText);
    const consentOnText = get('consentOn');
    const consentOn = consentOnText ? parseFrenchDate(consentOnText) : null;
    if (consentOnText && !consentOn) err('consentOn', `« ${consentOnText} » n’est pas une date (JJ/MM/AAAA)`);
    let email = get('email');
    let phone = get('phone');
    if (email && !emailPattern.test(email)) err('email', `« ${email} » n’est pas une adresse e-mail`);
    if ((email || phone) && !consent) {
      warn(
        columns.email ? 'email' : 'phone',
        'coordonnées ignorées : sans consentement de la personne, elles ne sont pas enregistrées (RGPD)',
      );
      email = '';
      phone = '';
    }
    if (errors.length) {
      issues.push(...errors);
      badLines.add(record.line);
      continue;
    }
    const key = `${organisationNameKey(name)}|${[...organisationIds].sort().join(',')}`;
    const earlier = seen.get(key);
    const duplicateOf: PersonDraft['duplicateOf'][number][] = [];
    const existing =
      lookups.existingPerson?.({ nameKey: searchKey(name), email: email || null, organisationIds: [...organisationIds] }) ?? null;
    if (existing) {
      duplicateOf.push({ id: existing.id, name: existing.name, reason: existing.reason });
      issues.push({
        line: record.line,
        column: (existing.reason === 'same_email' ? columns.email?.label : columns.name?.label) ?? null,
        message: `doublon probable de « ${existing.name} », déjà enregistrée : ${existing.reason === 'same_email' ? 'même adresse e-mail' : 'même nom dans la même organisation'}`,
        severity: 'warning',
      });
    }
    if (earlier) {
      duplicateOf.push({ line: earlier, name, reason: 'same_name_and_organisation' });
      issues.push({
        line: record.line,
        column: columns.name?.label ?? null,
        message: `doublon probable de la ligne ${earlier} : même nom dans la même organisation`,
        severity: 'warning',
      });
    } else seen.set(key, record.line);
    rows.push({
      line: record.line,
      name,
      function: get('function') || null,
      organisationIds: [...organisationIds],
      territoryIds: [...territoryIds],
      themeIds: [...themeIds],
      isResource: yes.has(resourceText),
      resourceFor: get('resourceFor') || null,
      email: email || null,
      phone: phone || null,
      contactConsent: consent,
      contactConsentOn: consent ? consentOn : null,
      duplicateOf,
    });
  }
  return summarise(parsed, parsed.header, rows, issues, badLines);
}

/** The line a person reads for one issue: `ligne N, colonne « … » : …`. */
export function formatImportIssue(issue: ImportIssue): string {
  const where = issue.column ? `ligne ${issue.line}, colonne « ${issue.column} »` : `ligne ${issue.line}`;
  return `${where} : ${issue.severity === 'warning' ? 'attention, ' : ''}${issue.message}`;
}

/** The example organisation of the template (fictional), so the people template can name it. */
const templateOrganisation = 'Association Les Jardins du Bocage (exemple)';

/**
 * The file a coordinator fills in to import organisations or people: the columns the import
 * reads, in French, and one fictional example line to replace. UTF-8 with a BOM and `;`, as a
 * French spreadsheet opens and saves it (`writeCsv`).
 */
export function importTemplate(kind: 'organisations' | 'people'): string {
  if (kind === 'organisations')
    return writeCsv(
      [
        'Nom',
        'Type',
        'SIRET',
        'RNA',
        'Commune',
        'Code postal',
        'Territoires',
        'Thèmes',
        'Description',
        'Adresse',
        'Site web',
        'Courriel',
        'Téléphone',
      ],
      [
        [
          templateOrganisation,
          'Association',
          '',
          '',
          '',
          '',
          '',
          'jeunesse, santé',
          'Jardins partagés et ateliers pour les familles du quartier',
          '',
          '',
          '',
          '',
        ],
      ],
    );
  return writeCsv(
    [
      'Nom',
      'Fonction',
      'Organisation',
      'Commune',
      'Code postal',
      'Territoires',
      'Thèmes',
      'Personne ressource',
      'Ressource pour',
      'Courriel',
      'Téléphone',
      'Consentement',
      'Date du consentement',
    ],
    [['Camille Exemple', 'Coordinatrice', templateOrganisation, '', '', '', 'jeunesse', 'non', '', '', '', 'non', '']],
  );
}
