import { readFile as fsReadFile, writeFile as fsWriteFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  MIXING_MODES,
  type MixingMode,
  type MixingOutcome,
  type MixingProblem,
  parseMixingJson,
  planMixing,
  problemFromCsv,
  writeCsv,
} from './core';

export interface MixIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile?(path: string): Promise<Uint8Array>;
  writeFile?(path: string, data: string): Promise<void>;
}

export const mixHelp = `maillage mix — répartit des participants en tables sur un ou plusieurs tours

Usage :
  maillage mix PROBLEME.json [--instance NOM] [--seed N] [--time MS] [--out PLAN.json] [--format json|csv]
  maillage mix --csv participants.csv --rounds 4 --table-size 5 [--mode icebreaker|rotation|worldcafe|collectives]
               [--themes "Thème A|Thème B"] [--seed N] [--time MS] [--out FICHIER] [--format json|csv]

Formats lus : « workshop-instance/v1 » et le format classique (joueurs, taille et nombre de groupes, tours).
Colonnes du tableur (UTF-8 ou Windows-1252, séparateur « ; » ou « , ») : nom (obligatoire), id,
organisation, type, territoire, tours (ex. « 2|3 »), thèmes, urgence, vœux, hôte (id de table),
binôme (personne à garder à la même table), connaît (noms séparés par « | »).
Sortie : le plan (tours → tables → participants) avec ses métriques et solveMs ; --format csv écrit
une ligne par personne avec sa table à chaque tour.`;

/** Plan as CSV: one line per person with their table in each round. */
function planCsv(problem: MixingProblem, outcome: MixingOutcome): string {
  const seat = new Map<string, string[]>();
  for (const p of problem.participants) seat.set(p.id, new Array<string>(problem.rounds).fill(''));
  outcome.plan.rounds.forEach((round, r) => {
    for (const t of round.tables) for (const id of t.participants) seat.get(id)![r] = t.table;
  });
  const header = ['id', 'nom', 'organisation', ...Array.from({ length: problem.rounds }, (_, r) => `tour ${r + 1}`)];
  return writeCsv(
    header,
    problem.participants.map((p) => [p.id, p.name ?? '', p.organisation ?? '', ...(seat.get(p.id) ?? [])]),
  );
}

/** `maillage mix`: reads a problem (JSON or CSV), solves it and writes the plan. Returns the exit code. */
export async function runMix(argv: string[], io: MixIo): Promise<number> {
  const readFile = io.readFile ?? ((path: string) => fsReadFile(path));
  const writeFile = io.writeFile ?? ((path: string, data: string) => fsWriteFile(path, data, 'utf8'));
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        time: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        csv: { type: 'string' },
        rounds: { type: 'string' },
        'table-size': { type: 'string' },
        mode: { type: 'string' },
        themes: { type: 'string' },
        instance: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`Option invalide : ${(error as Error).message}\n\n${mixHelp}`);
    return 2;
  }
  if (values.help) {
    io.stdout(mixHelp);
    return 0;
  }
  const int = (name: string, fallback?: number): number | undefined => {
    const v = values[name];
    if (v === undefined) return fallback;
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 ? n : Number.NaN;
  };
  const seed = int('seed', 1);
  const time = int('time', 1000);
  if (Number.isNaN(seed) || Number.isNaN(time)) {
    io.stderr('--seed et --time attendent des entiers positifs.');
    return 2;
  }
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    io.stderr(`--format : « ${format} » inconnu (json ou csv).`);
    return 2;
  }

  let problem: MixingProblem;
  const csvPath = values.csv as string | undefined;
  const source = csvPath ?? positionals[0];
  if (!source) {
    io.stderr(`Fichier du problème manquant.\n\n${mixHelp}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(source);
  } catch (error) {
    io.stderr(`Impossible de lire « ${source} » : ${(error as Error).message}`);
    return 1;
  }
  if (csvPath) {
    const mode = values.mode as string | undefined;
    if (mode !== undefined && !MIXING_MODES.includes(mode as MixingMode)) {
      io.stderr(`--mode : « ${mode} » inconnu (${MIXING_MODES.join(', ')}).`);
      return 2;
    }
    const rounds = int('rounds', mode === 'icebreaker' ? 1 : undefined);
    const tableSize = int('table-size');
    if (rounds === undefined || tableSize === undefined || Number.isNaN(rounds) || Number.isNaN(tableSize)) {
      io.stderr('Avec --csv, indiquez --rounds N et --table-size N (entiers).');
      return 2;
    }
    const themes = (values.themes as string | undefined)
      ?.split('|')
      .map((t) => t.trim())
      .filter(Boolean);
    const parsed = problemFromCsv(bytes, {
      rounds,
      tableSize,
      ...(mode ? { mode: mode as MixingMode } : {}),
      ...(themes ? { themes } : {}),
    });
    if (!parsed.ok) {
      io.stderr(`${source} : ${String(parsed.details?.message ?? parsed.error)}`);
      return 1;
    }
    problem = parsed.value;
  } else {
    const parsed = parseMixingJson(new TextDecoder().decode(bytes), values.instance as string | undefined);
    if (!parsed.ok) {
      io.stderr(`${source} : ${String(parsed.details?.message ?? parsed.error)}`);
      return 1;
    }
    problem = parsed.value;
  }

  const outcome = planMixing(problem, { seed: seed as number, timeLimitMs: time as number, now: () => performance.now() });
  if (!outcome.ok) {
    io.stderr(`${source} : ${String(outcome.details?.message ?? outcome.error)}`);
    return 1;
  }
  const result = outcome.value;
  const text =
    format === 'csv'
      ? planCsv(problem, result)
      : `${JSON.stringify({ rounds: result.plan.rounds, metrics: result.metrics, solveMs: result.solveMs, explanation: result.explanation }, null, 2)}\n`;
  const out = values.out as string | undefined;
  if (out) {
    await writeFile(out, text);
    const m = result.metrics;
    io.stdout(
      `Plan écrit dans ${out} (${result.solveMs} ms) : ${m.repeats} rencontre(s) répétée(s), ${m.knownMeetings} rencontre(s) entre connaissances, excès de diversité ${m.diversityExcess}, ${m.hardViolations} règle(s) enfreinte(s).`,
    );
    for (const line of result.explanation) io.stdout(`  ${line}`);
  } else io.stdout(text);
  return result.metrics.hardViolations > 0 ? 3 : 0;
}
