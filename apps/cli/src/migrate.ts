import { prepareStore } from '@maillage/db';
import type { CliIo } from './io';
import { openCliStore } from './store';

/** `maillage migrate`: applies pending migrations and loads reference data. */
export async function runMigrate(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout('Usage : maillage migrate\n\nApplique les migrations en attente (PGlite dans MAILLAGE_DATA, ou DATABASE_URL).');
    return 0;
  }
  const store = await openCliStore();
  try {
    const report = await prepareStore(store);
    io.stdout(
      report.migrationsApplied.length
        ? `Migrations appliquées : ${report.migrationsApplied.join(', ')}`
        : 'Base de données à jour : aucune migration à appliquer.',
    );
    if (report.territoriesLoaded) io.stdout(`Territoires officiels chargés : ${report.territoriesLoaded}`);
    return 0;
  } finally {
    await store.close();
  }
}
