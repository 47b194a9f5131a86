import { prepareStore, seedDemo } from '@maillage/db';
import type { CliIo } from './io';
import { runServer } from './server';
import { openCliStore } from './store';

/** `maillage demo`: loads the fictional demo territory, prints its accounts, then serves. */
export async function runDemo(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(
      'Usage : maillage demo [--no-serve]\n\nCharge le territoire fictif de démonstration, affiche les comptes et leurs mots de passe, puis démarre le serveur.',
    );
    return 0;
  }
  const store = await openCliStore();
  try {
    await prepareStore(store);
    const demo = await seedDemo(store.db);
    io.stdout(`\nTerritoire de démonstration : ${demo.territoryName}${demo.created ? ' (créé)' : ' (déjà présent)'}`);
    io.stdout('Comptes de démonstration :');
    for (const account of demo.accounts) {
      io.stdout(`  ${account.label.padEnd(34)} ${account.email.padEnd(38)} ${account.password}`);
    }
    io.stdout('');
  } finally {
    await store.close();
  }
  if (argv.includes('--no-serve')) return 0;
  return runServer();
}
