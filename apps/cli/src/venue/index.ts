import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type VenuePayload, VENUE_FORMAT_VERSION, type VenueRow } from '@maillage/core';
import {
  exportDay,
  extractDay,
  importDay,
  loadDay,
  openStore,
  openVenue,
  prepareStore,
  readPgliteTemplate,
  schemaVersion,
  sealVenue,
  type VenueImportReport,
  writeAudit,
  writeFileAtomically,
} from '@maillage/db';
import type { CliIo } from '../io';
import { serverCommand } from '../server';
import { openCliStore } from '../store';
import { addressesText, lanAddresses } from './addresses';
import { readPassphrase } from './passphrase';

export const venueHelp = `Usage : maillage venue <commande>

La journée sur un portable, sans internet :
  export ID_JOURNEE --out journee.maillage     (instance du territoire) écrit la journée dans un fichier chiffré
  serve journee.maillage                       (portable) ouvre la journée et la sert aux téléphones du réseau local
  bundle --out journee-retour.maillage         (portable, serveur arrêté) écrit ce que la journée a produit
  import journee-retour.maillage               (instance du territoire) rapporte la journée, sans rien écraser

Ces fichiers contiennent des données personnelles (noms, e-mails, empreintes de mots de passe des
animateur·rices) : ils sont chiffrés avec une phrase de passe (MAILLAGE_VENUE_PASSPHRASE, sinon
demandée au terminal). Transmettez la phrase de passe par un autre canal que le fichier, et
supprimez le fichier une fois la journée rapportée.
Le portable utilise la base intégrée dans MAILLAGE_DATA (par défaut ./data) et le port PORT (3000).`;

/** The laptop's memory of which day it holds and how the export gave it (for the three-way import). */
interface VenueState {
  eventId: string;
  eventTitle: string;
  territoryId: string;
  exportedAt: string;
  base: Record<string, VenueRow[]>;
}
const stateFile = (dataDir: string) => join(dataDir, 'venue.json');
const dataDirOf = (env: NodeJS.ProcessEnv) => resolve(env.MAILLAGE_DATA || './data');

/** `maillage venue …`. */
export async function runVenue(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'export':
      return venueExport(rest, io, env);
    case 'serve':
      return venueServe(rest, io, env);
    case 'bundle':
      return venueBundle(rest, io, env);
    case 'import':
      return venueImport(rest, io, env);
    case '-h':
    case '--help':
      io.stdout(venueHelp);
      return 0;
    default:
      io.stderr(sub ? `Sous-commande inconnue : « ${sub} ».\n\n${venueHelp}` : venueHelp);
      return 2;
  }
}

function readFile(file: string): Buffer {
  try {
    return readFileSync(resolve(file));
  } catch {
    throw new Error(`impossible de lire le fichier « ${file} ».`);
  }
}

async function venueExport(argv: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', short: 'o' } } });
  const [eventId] = positionals;
  if (!eventId || !values.out || positionals.length > 1) {
    io.stderr(`Erreur : indiquez la journée et le fichier : maillage venue export ID_JOURNEE --out journee.maillage\n\n${venueHelp}`);
    return 2;
  }
  if (!/^[0-9a-f-]{36}$/i.test(eventId)) {
    io.stderr(`Erreur : « ${eventId} » n’est pas un identifiant de journée (un UUID, visible dans l’adresse de la page de la journée).`);
    return 2;
  }
  const passphrase = await readPassphrase(env, 'Phrase de passe du fichier : ');
  const store = await openCliStore(env);
  try {
    const payload = await exportDay(store.db, eventId);
    if (!payload) {
      io.stderr(`Erreur : aucune journée « ${eventId} » sur cette instance.`);
      return 1;
    }
    const { tables } = payload;
    const out = resolve(values.out);
    writeFileAtomically(out, sealVenue(payload, passphrase));
    await writeAudit(store.db, {
      actorUserId: null,
      action: 'venue.export',
      entityType: 'event',
      entityId: eventId,
      territoryId: payload.territoryId,
      details: { registrations: tables.event_registrations?.length ?? 0, users: tables.users?.length ?? 0 },
    });
    io.stdout(
      `Journée « ${payload.eventTitle} » écrite dans ${out} : ${tables.event_registrations?.length ?? 0} inscriptions, ` +
        `${tables.people?.length ?? 0} personnes, ${tables.organisations?.length ?? 0} organisations, ${tables.users?.length ?? 0} comptes d’animation.\n` +
        'Ce fichier contient des données personnelles : il est chiffré ; donnez la phrase de passe par un autre canal et supprimez-le après la journée.',
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** Opens the day into the laptop's data folder (once), then serves it; prints the LAN addresses with their QR codes. */
async function venueServe(argv: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    io.stderr(`Erreur : indiquez un seul fichier de journée : maillage venue serve journee.maillage\n\n${venueHelp}`);
    return 2;
  }
  if (env.DATABASE_URL) {
    io.stderr('Erreur : la journée sur portable utilise la base intégrée : retirez DATABASE_URL (MAILLAGE_DATA choisit le dossier).');
    return 2;
  }
  const dataDir = dataDirOf(env);
  const bytes = readFile(file);
  const passphrase = await readPassphrase(env, 'Phrase de passe du fichier : ');
  const payload = openVenue(bytes, passphrase, basename(file), 'export');
  const statePath = stateFile(dataDir);
  if (existsSync(statePath)) {
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as VenueState;
    if (state.eventId !== payload.eventId) {
      io.stderr(
        `Erreur : le dossier ${dataDir} contient déjà la journée « ${state.eventTitle} ». Choisissez un autre dossier (MAILLAGE_DATA) pour « ${payload.eventTitle} ».`,
      );
      return 1;
    }
    io.stdout(`Reprise de la journée « ${payload.eventTitle} » déjà ouverte dans ${dataDir}.`);
  } else {
    mkdirSync(dataDir, { recursive: true });
    const store = await openStore({ kind: 'pglite', dataDir, template: readPgliteTemplate });
    try {
      await prepareStore(store);
      await loadDay(store.db, payload);
    } finally {
      await store.close();
    }
    const state: VenueState = {
      eventId: payload.eventId,
      eventTitle: payload.eventTitle,
      territoryId: payload.territoryId,
      exportedAt: payload.createdAt,
      base: payload.tables,
    };
    writeFileSync(statePath, JSON.stringify(state), { mode: 0o600 });
    io.stdout(`Journée « ${payload.eventTitle} » ouverte dans ${dataDir}.`);
  }
  const port = Number(env.PORT || 3000);
  const probe = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  const child = spawn(process.execPath, serverCommand(), { stdio: 'inherit', env: { ...env, MAILLAGE_DATA: dataDir } });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const exited = new Promise<number>((done) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      done(code ?? (signal ? 1 : 0));
    });
  });
  const ready = (async () => {
    for (;;) {
      if (child.exitCode !== null) return false;
      try {
        if ((await fetch(`http://${probe}:${port}/api/health`)).status === 200) return true;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  if (await ready) {
    io.stdout(await addressesText(port, lanAddresses()));
    io.stdout(
      'Sans internet, les téléphones n’ont pas d’appareil photo dans le navigateur (HTTP) : ils rejoignent avec le code affiché ' +
        'et l’accueil pointe par recherche du nom. Après la journée : arrêtez (Ctrl-C), puis « maillage venue bundle --out journee-retour.maillage ».',
    );
  }
  return exited;
}

async function venueBundle(argv: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', short: 'o' } } });
  if (!values.out || positionals.length > 0) {
    io.stderr(`Erreur : indiquez le fichier retour : maillage venue bundle --out journee-retour.maillage\n\n${venueHelp}`);
    return 2;
  }
  const dataDir = dataDirOf(env);
  const statePath = stateFile(dataDir);
  if (!existsSync(statePath)) {
    io.stderr(`Erreur : le dossier ${dataDir} ne contient pas de journée ouverte par « maillage venue serve ».`);
    return 1;
  }
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as VenueState;
  const passphrase = await readPassphrase(env, 'Phrase de passe du fichier retour : ');
  const store = await openStore({ kind: 'pglite', dataDir, template: readPgliteTemplate });
  let payload: VenuePayload;
  try {
    payload = {
      format: VENUE_FORMAT_VERSION,
      kind: 'bundle',
      eventId: state.eventId,
      eventTitle: state.eventTitle,
      territoryId: state.territoryId,
      createdAt: new Date().toISOString(),
      schema: await schemaVersion(store.db),
      tables: await extractDay(store.db, state.eventId, { everyRoom: true }),
      base: state.base,
    };
  } finally {
    await store.close();
  }
  const out = resolve(values.out);
  writeFileAtomically(out, sealVenue(payload, passphrase));
  const regs = payload.tables.event_registrations ?? [];
  io.stdout(
    `Retour de « ${state.eventTitle} » écrit dans ${out} : ${regs.filter((r) => r.checked_in_at).length} présences, ` +
      `${regs.filter((r) => r.walk_in).length} inscriptions sur place, ${payload.tables.live_rooms?.length ?? 0} salles en direct, ` +
      `${payload.tables.collectives?.length ?? 0} collectifs. Fichier chiffré : il contient des données personnelles.`,
  );
  return 0;
}

async function venueImport(argv: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    io.stderr(`Erreur : indiquez un seul fichier retour : maillage venue import journee-retour.maillage\n\n${venueHelp}`);
    return 2;
  }
  const bytes = readFile(file);
  const passphrase = await readPassphrase(env, 'Phrase de passe du fichier retour : ');
  const payload = openVenue(bytes, passphrase, basename(file), 'bundle');
  const store = await openCliStore(env);
  try {
    const report = await importDay(store.db, payload, null);
    io.stdout(importReportText(payload.eventTitle, report));
    return 0;
  } finally {
    await store.close();
  }
}

const reasons: Record<string, string> = {
  registration_cancelled: 'inscription annulée sur l’instance du territoire pendant la journée',
  edited_both_sides: 'modifiée des deux côtés',
  gone_from_territory: 'supprimée sur l’instance du territoire',
  refused_by_territory: 'refusée par l’instance du territoire (doublon d’e-mail, de code ou de badge)',
};
const tableNames: Record<string, string> = {
  event_registrations: 'inscription',
  organisations: 'organisation',
  people: 'personne',
  event_sessions: 'séance du programme',
  event_choices: 'choix d’atelier',
  live_rooms: 'salle en direct',
  collectives: 'collectif',
};

/** The import's report in French: what came back, what a person must decide. */
export function importReportText(title: string, report: VenueImportReport): string {
  const lines = [
    report.changed === 0
      ? `Journée « ${title} » : déjà importée, rien n’a changé.`
      : `Journée « ${title} » importée : ${report.changed} lignes écrites.`,
  ];
  for (const [table, n] of Object.entries(report.inserted)) lines.push(`  + ${n} ${table}`);
  for (const [table, n] of Object.entries(report.updated)) lines.push(`  ~ ${n} ${table}`);
  if (report.conflicts.length) {
    lines.push(`Conflits à trancher (${report.conflicts.length}), rien n’a été écrasé :`);
    for (const c of report.conflicts) {
      lines.push(
        `  - ${tableNames[c.table] ?? c.table} « ${c.label} » (${c.id}) : ${reasons[c.reason] ?? c.reason}${c.columns.length ? ` [${c.columns.join(', ')}]` : ''}`,
      );
    }
  }
  if (report.duplicates.length) {
    lines.push(`Doublons probables (${report.duplicates.length}), non créés une seconde fois :`);
    for (const d of report.duplicates) {
      lines.push(
        `  - « ${d.walkInName} » ressemble à « ${d.directoryName} » (${d.directoryPersonId}) de l’annuaire : à rapprocher depuis l’accueil de la journée.`,
      );
    }
  }
  return lines.join('\n');
}
