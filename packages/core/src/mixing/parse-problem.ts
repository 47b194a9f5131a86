import { fail, ok, type Result } from '../shared/result';
import { ACCEPTED_CSV_ENCODINGS, readCsv } from '../shared/csv';
import type { MixingMode, MixingParticipant, MixingProblem, MixingTable } from './model';
import { classicInstanceSchema, describeIssues, workshopInstanceSchema } from './schemas';

export type ParseErrorCode = 'invalid_json' | 'invalid_problem' | 'invalid_csv' | 'choose_instance';

/** Problem from a parsed `workshop-instance/v1` document. */
function fromWorkshop(data: ReturnType<typeof workshopInstanceSchema.parse>): MixingProblem {
  const orgs = new Map((data.organisations ?? []).map((o) => [o.id, o]));
  return {
    ...(data.name ? { name: data.name } : {}),
    ...(data.mode ? { mode: data.mode } : {}),
    rounds: data.rounds,
    rules: {
      noRepeatPairs: data.rules.noRepeatPairs,
      separateKnownPairs: data.rules.separateKnownPairs,
      themeAtMostOncePerParticipant: data.rules.themeAtMostOncePerParticipant,
      diversity: data.rules.diversity.map((d) => ({ attribute: d.attribute, maxPerTable: d.maxPerTable })),
    },
    participants: data.participants.map((p) => {
      const org = p.organisation ? orgs.get(p.organisation) : undefined;
      const type = p.type ?? org?.type;
      const territory = p.territory ?? org?.territory;
      return {
        id: p.id,
        ...(p.name ? { name: p.name } : {}),
        ...(p.organisation ? { organisation: p.organisation } : {}),
        ...(type ? { type } : {}),
        ...(territory ? { territory } : {}),
        ...(p.availableRounds ? { availableRounds: p.availableRounds } : {}),
        ...(p.themes ? { themes: p.themes } : {}),
        ...(p.urgency ? { urgency: p.urgency } : {}),
        ...(p.wishes ? { wishes: p.wishes } : {}),
        ...(p.host ? { host: p.host } : {}),
      };
    }),
    tables: data.tables.map((t) => ({ id: t.id, capacity: t.capacity, minSize: t.minSize, theme: t.theme })),
    knownPairs: data.knownPairs,
    ...(data.metBefore ? { metBefore: data.metBefore } : {}),
    keepTogether: data.keepTogether,
  };
}

/** Problem from one classic Social Golfer instance: players "0".., tables "g1".. of exactly groupSize. */
export function fromClassic(c: { players: number; groupSize: number; groups: number; rounds: number; name?: string }): MixingProblem {
  return {
    name: c.name ?? 'classic',
    mode: 'rotation',
    rounds: c.rounds,
    rules: { noRepeatPairs: true, separateKnownPairs: false, themeAtMostOncePerParticipant: false, diversity: [] },
    participants: Array.from({ length: c.players }, (_, i) => ({ id: String(i) })),
    tables: Array.from({ length: c.groups }, (_, g) => ({ id: `g${g + 1}`, capacity: c.groupSize, minSize: c.groupSize, theme: null })),
    knownPairs: [],
    keepTogether: [],
  };
}

/**
 * Reads a problem file's JSON text: the `workshop-instance/v1` format or the classic format (one
 * instance, or a list from which `instance` names one). Errors are French and name the field.
 */
export function parseMixingJson(text: string, instance?: string): Result<MixingProblem, ParseErrorCode> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail('invalid_json', { message: `JSON invalide : ${(error as Error).message}` });
  }
  if (Array.isArray(data)) {
    const names = data.map((d) => (d && typeof d === 'object' && 'name' in d ? String((d as { name: unknown }).name) : ''));
    const pick = instance === undefined ? (data.length === 1 ? 0 : -1) : names.indexOf(instance);
    if (pick < 0) {
      return fail('choose_instance', {
        message: `le fichier contient ${data.length} instances : choisissez-en une avec --instance (${names.join(', ')})`,
      });
    }
    data = data[pick];
  }
  if (data && typeof data === 'object' && (data as { schema?: unknown }).schema === 'workshop-instance/v1') {
    const parsed = workshopInstanceSchema.safeParse(data);
    if (!parsed.success) return fail('invalid_problem', { message: describeIssues(parsed.error).join('\n') });
    return ok(fromWorkshop(parsed.data));
  }
  const parsed = classicInstanceSchema.safeParse(data);
  if (!parsed.success) {
    return fail('invalid_problem', {
      message: `format non reconnu (ni « workshop-instance/v1 », ni classique) :\n${describeIssues(parsed.error).join('\n')}`,
    });
  }
  return ok(fromClassic(parsed.data));
}

export interface CsvProblemOptions {
  readonly rounds: number;
  readonly tableSize: number;
  readonly mode?: MixingMode;
  /** World café: one theme per table. */
  readonly themes?: readonly string[];
}

/** Column names accepted in a participants spreadsheet (lower-case, accents folded). */
export const CSV_COLUMNS = {
  id: ['id', 'identifiant'],
  name: ['nom', 'name', 'participant', 'prenom nom'],
  organisation: ['organisation', 'structure', 'organization'],
  type: ['type', "type d'organisation", 'type organisation', 'categorie'],
  territory: ['territoire', 'territory', 'commune', 'quartier'],
  rounds: ['tours', 'rounds', 'presence', 'disponibilite'],
  themes: ['themes', 'preoccupations', 'concerns'],
  urgency: ['urgence', 'urgency'],
  wishes: ['voeux', 'souhaits', 'wishes'],
  host: ['hote', 'host', 'table hote'],
  interpreter: ['binome', 'interprete', 'accompagnant', 'keep together'],
  known: ['connait', 'connaissances', 'known'],
} as const;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .trim();
const list = (s: string) =>
  s
    .split(/[|,/]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Builds a problem from a participants spreadsheet (UTF-8 or Windows-1252, `;` or `,`). Columns:
 * nom (required), id, organisation, type, territoire, tours (e.g. "2|3"), thèmes, urgence, vœux,
 * hôte (table id), binôme (id or name of the person to keep with), connaît (ids or names, "|").
 * Errors name the line and the column, in French.
 */
export function problemFromCsv(bytes: Uint8Array, options: CsvProblemOptions): Result<MixingProblem, ParseErrorCode> {
  const csv = readCsv(bytes);
  const bad = (message: string) => fail('invalid_csv' as const, { message });
  if (csv.issues.length > 0) {
    const issue = csv.issues[0]!;
    if (issue.code === 'unreadable_encoding') return bad(ACCEPTED_CSV_ENCODINGS);
    return bad(`ligne ${issue.line} : ${issue.code === 'unterminated_quote' ? 'guillemet non fermé' : 'texte après un guillemet fermant'}`);
  }
  const header = csv.header.map(fold);
  const col = (key: keyof typeof CSV_COLUMNS): number => header.findIndex((h) => (CSV_COLUMNS[key] as readonly string[]).includes(h));
  const c = Object.fromEntries(Object.keys(CSV_COLUMNS).map((k) => [k, col(k as keyof typeof CSV_COLUMNS)])) as Record<
    keyof typeof CSV_COLUMNS,
    number
  >;
  if (c.name < 0 && c.id < 0) return bad('ligne 1 : colonne « nom » absente (en-têtes attendus : nom, organisation, type, territoire…)');
  if (!Number.isInteger(options.rounds) || options.rounds < 1) return bad('--rounds : nombre de tours invalide');
  if (!Number.isInteger(options.tableSize) || options.tableSize < 2) return bad('--table-size : taille de table invalide');
  const participants: MixingParticipant[] = [];
  const byName = new Map<string, string>();
  const pending: { line: number; id: string; interpreter: string; known: string[] }[] = [];
  for (const record of csv.records) {
    const get = (k: keyof typeof CSV_COLUMNS) => (c[k] >= 0 ? (record.fields[c[k]] ?? '').trim() : '');
    const name = get('name');
    const id = get('id') || name;
    if (!id) return bad(`ligne ${record.line}, colonne « ${c.name >= 0 ? csv.header[c.name] : 'id'} » : valeur manquante`);
    if (byName.has(fold(id)) || participants.some((p) => p.id === id))
      return bad(`ligne ${record.line}, colonne « ${c.id >= 0 ? csv.header[c.id] : csv.header[c.name]} » : « ${id} » en double`);
    if (c.organisation >= 0 && !get('organisation'))
      return bad(`ligne ${record.line}, colonne « ${csv.header[c.organisation]} » : valeur manquante`);
    let availableRounds: number[] | undefined;
    if (get('rounds')) {
      availableRounds = list(get('rounds').replace(/;/g, '|')).map(Number);
      if (availableRounds.some((r) => !Number.isInteger(r) || r < 1 || r > options.rounds)) {
        return bad(
          `ligne ${record.line}, colonne « ${csv.header[c.rounds]} » : tours attendus entre 1 et ${options.rounds} séparés par « | » (reçu « ${get('rounds')} »)`,
        );
      }
    }
    const p: MixingParticipant = {
      id,
      ...(name ? { name } : {}),
      ...(get('organisation') ? { organisation: get('organisation') } : {}),
      ...(get('type') ? { type: get('type') } : {}),
      ...(get('territory') ? { territory: get('territory') } : {}),
      ...(availableRounds ? { availableRounds } : {}),
      ...(get('themes') ? { themes: list(get('themes')) } : {}),
      ...(get('urgency') ? { urgency: get('urgency') } : {}),
      ...(get('wishes') ? { wishes: list(get('wishes')) } : {}),
      ...(get('host') ? { host: get('host') } : {}),
    };
    participants.push(p);
    if (name) byName.set(fold(name), id);
    byName.set(fold(id), id);
    pending.push({ line: record.line, id, interpreter: get('interpreter'), known: get('known') ? list(get('known')) : [] });
  }
  if (participants.length === 0) return bad('ligne 2 : aucun participant');
  const keepTogether: [string, string][] = [];
  const knownPairs: [string, string][] = [];
  for (const row of pending) {
    if (row.interpreter) {
      const other = byName.get(fold(row.interpreter));
      if (!other)
        return bad(`ligne ${row.line}, colonne « ${csv.header[c.interpreter]} » : « ${row.interpreter} » ne figure pas dans le fichier`);
      keepTogether.push([row.id, other]);
    }
    for (const k of row.known) {
      const other = byName.get(fold(k));
      if (!other) return bad(`ligne ${row.line}, colonne « ${csv.header[c.known]} » : « ${k} » ne figure pas dans le fichier`);
      if (other !== row.id) knownPairs.push([row.id, other]);
    }
  }
  const mode = options.mode ?? (options.rounds === 1 ? 'icebreaker' : 'rotation');
  const n = participants.length;
  const size = options.tableSize;
  const themes = options.themes ?? [];
  const tableCount = mode === 'worldcafe' && themes.length > 0 ? Math.max(themes.length, Math.ceil(n / size)) : Math.ceil(n / size) + 1;
  const minSize = mode === 'collectives' ? Math.min(3, size) : Math.max(2, size - 1);
  const tables: MixingTable[] = Array.from({ length: tableCount }, (_, t) => ({
    id: `table-${String(t + 1).padStart(2, '0')}`,
    capacity: size,
    minSize,
    theme: mode === 'worldcafe' ? (themes[t % Math.max(1, themes.length)] ?? null) : null,
  }));
  const hasType = participants.some((p) => p.type);
  const hasTerritory = participants.some((p) => p.territory);
  const cap = Math.max(1, Math.floor(size / 2));
  return ok({
    mode,
    rounds: options.rounds,
    rules: {
      noRepeatPairs: true,
      separateKnownPairs: true,
      themeAtMostOncePerParticipant: mode === 'worldcafe',
      diversity: [
        ...(hasType ? [{ attribute: 'type' as const, maxPerTable: cap }] : []),
        ...(hasTerritory && mode !== 'collectives' ? [{ attribute: 'territory' as const, maxPerTable: cap }] : []),
      ],
    },
    participants,
    tables,
    knownPairs,
    keepTogether,
  });
}
