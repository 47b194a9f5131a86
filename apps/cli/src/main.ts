import { z } from 'zod';
import { adminCreate, adminCreateHelp } from './admin/create';
import { runBackup, runRestore } from './backup';
import { runDemo } from './demo';
import { type CliIo, processIo } from './io';
import { runMigrate } from './migrate';
import { runServer } from './server';

z.config(z.locales.fr());

export const help = `maillage — plateforme de coopération territoriale

Usage : maillage <commande> [options]

Commandes :
  start                    démarre le serveur (PORT, MAILLAGE_DATA, DATABASE_URL…)
  demo                     charge le territoire de démonstration, affiche les comptes, démarre le serveur
  migrate                  applique les migrations de la base de données
  backup --out FICHIER     sauvegarde la base intégrée (même serveur en marche)
  restore FICHIER          restaure une sauvegarde dans un dossier de données vide
  admin create --email …   crée un compte administrateur
  mix PROBLEME.json        répartit des participants en tables (voir maillage mix --help)
  import organisations|people FICHIER.csv [--territory CODE] [--dry-run]
                           importe un annuaire CSV (voir maillage import --help)
  venue export|serve|bundle|import
                           la journée sur un portable, sans internet (voir maillage venue --help)

Options :
  -h, --help               affiche cette aide

La configuration se fait par variables d’environnement : voir le README.`;

/** Dispatches a command; returns the process exit code. */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(help);
        return command === undefined ? 2 : 0;
      case 'start':
        return await runServer();
      case 'demo':
        return await runDemo(rest, io);
      case 'migrate':
        return await runMigrate(rest, io);
      case 'backup':
        return await runBackup(rest, io);
      case 'restore':
        return await runRestore(rest, io);
      case 'admin':
        if (rest[0] === 'create') return await adminCreate(rest.slice(1), io);
        io.stdout(adminCreateHelp);
        return rest[0] === '--help' || rest[0] === '-h' ? 0 : 2;
      case 'mix': {
        const { runMix } = await import('./mix/index');
        return await runMix(rest, io as never);
      }
      case 'import': {
        const { runImport } = await import('./ecosystem/import');
        return await runImport(rest, io);
      }
      case 'venue': {
        const { runVenue } = await import('./venue/index');
        return await runVenue(rest, io);
      }
      default:
        io.stderr(`Commande inconnue : « ${command} ».\n\n${help}`);
        return 2;
    }
  } catch (error) {
    const e = error as Error & { code?: string };
    if (e.code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`Option invalide : ${e.message}`);
      return 2;
    }
    if (e.name === 'VenueFileProblem') {
      io.stderr(e.message);
      return 1;
    }
    io.stderr(`Erreur : ${e.message}`);
    return 1;
  }
}
