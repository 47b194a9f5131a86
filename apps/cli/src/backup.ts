import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDataDir, restoreDataDir, writeFileAtomically } from '@maillage/db';
import type { CliIo } from './io';

export const backupHelp = `Usage : maillage backup --out FICHIER

Sauvegarde la base intégrée (PGlite, dossier MAILLAGE_DATA) dans FICHIER (une archive .tar.gz).
Le serveur peut tourner : c’est lui qui fait la copie, sans transaction à moitié faite, et toute
écriture déjà confirmée y est. Avec PostgreSQL (DATABASE_URL), utilisez pg_dump :
  pg_dump --format=custom --file=maillage.dump "$DATABASE_URL"`;

export const restoreHelp = `Usage : maillage restore FICHIER

Restaure une sauvegarde faite par « maillage backup » dans le dossier MAILLAGE_DATA, qui doit être
vide ou ne pas exister (rien n’est écrasé). Démarrez ensuite le serveur sur ce dossier ; il applique
les migrations plus récentes que la sauvegarde. Avec PostgreSQL, utilisez pg_restore :
  pg_restore --clean --if-exists --dbname="$DATABASE_URL" maillage.dump`;

const dataDirOf = (env: NodeJS.ProcessEnv) => resolve(env.MAILLAGE_DATA || './data');

const megabytes = (bytes: number) => (bytes / 1_048_576).toLocaleString('fr-FR', { maximumFractionDigits: 1 });

/** `maillage backup --out FILE`: a consistent copy of the embedded store. */
export async function runBackup(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout(backupHelp);
    return 0;
  }
  if (env.DATABASE_URL) {
    io.stderr(
      'Avec PostgreSQL (DATABASE_URL), la sauvegarde se fait avec pg_dump :\n  pg_dump --format=custom --file=maillage.dump "$DATABASE_URL"',
    );
    return 2;
  }
  if (!values.out) {
    io.stderr(`Erreur : indiquez le fichier de sauvegarde avec --out.\n\n${backupHelp}`);
    return 2;
  }
  const dataDir = dataDirOf(env);
  const out = resolve(values.out);
  const { archive, from } = await backupDataDir(dataDir);
  writeFileAtomically(out, archive);
  io.stdout(
    `Sauvegarde écrite : ${out} (${megabytes(archive.length)} Mo, ${from === 'server' ? 'faite par le serveur en marche' : 'serveur arrêté'}).`,
  );
  return 0;
}

/** `maillage restore FILE`: a backup into an empty data folder. */
export async function runRestore(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout(restoreHelp);
    return 0;
  }
  if (env.DATABASE_URL) {
    io.stderr(
      'Avec PostgreSQL (DATABASE_URL), la restauration se fait avec pg_restore :\n  pg_restore --clean --if-exists --dbname="$DATABASE_URL" maillage.dump',
    );
    return 2;
  }
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    io.stderr(`Erreur : indiquez un seul fichier de sauvegarde.\n\n${restoreHelp}`);
    return 2;
  }
  let archive: Buffer;
  try {
    archive = readFileSync(resolve(file));
  } catch {
    io.stderr(`Erreur : impossible de lire le fichier de sauvegarde « ${file} ».`);
    return 1;
  }
  const dataDir = dataDirOf(env);
  await restoreDataDir(dataDir, archive);
  io.stdout(`Sauvegarde restaurée dans ${dataDir}. Démarrez le serveur sur ce dossier (MAILLAGE_DATA=${dataDir}).`);
  return 0;
}
