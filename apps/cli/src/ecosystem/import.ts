import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { confirmImport, formatImportIssue, planImport } from '@maillage/core';
import { ecosystemRepo, findTerritoryByCode, prepareStore, type Store } from '@maillage/db';
import type { CliIo } from '../io';
import { openCliStore } from '../store';

export const importHelp = `Usage : maillage import organisations|people FICHIER.csv [--territory CODE] [--dry-run]

Importe des organisations ou des personnes depuis un fichier CSV (UTF-8 ou Windows-1252,
séparateur ; ou , ; en-têtes en français : nom, type, siren, commune, thèmes…).
Tout le fichier est vérifié d’abord ; s’il contient une erreur, rien n’est écrit.

  --territory CODE   territoire d’action : code officiel d’une commune ou d’un EPCI (SIREN),
                     ou identifiant (slug) d’un territoire personnalisé ; obligatoire sauf avec --dry-run
  --dry-run          vérifie seulement : affiche les problèmes et le bilan, n’écrit rien

Codes de sortie : 0 import réussi (ou vérification sans erreur), 1 fichier en erreur, 2 usage incorrect.`;

/**
 * `maillage import organisations|people FILE.csv`: one line per problem
 * (`ligne N, colonne « … » : …`), then `organisations: X valides, Y doublons probables, Z erreurs`.
 */
export async function runImport(argv: string[], io: CliIo, openStore: () => Promise<Store> = openCliStore): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      territory: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'import-duplicates': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(importHelp);
    return 0;
  }
  const [kind, file] = positionals;
  if ((kind !== 'organisations' && kind !== 'people') || !file || positionals.length > 2) {
    io.stderr(`Erreur : indiquez « organisations » ou « people » puis le fichier.\n\n${importHelp}`);
    return 2;
  }
  const dryRun = values['dry-run'] === true;
  if (!values.territory && !dryRun) {
    io.stderr('Erreur : --territory CODE est obligatoire pour importer (facultatif avec --dry-run).');
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    io.stderr(`Erreur : impossible de lire « ${file} » (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    return 2;
  }
  const store = await openStore();
  try {
    await prepareStore(store);
    let territoryId: string | null = null;
    if (values.territory) {
      const territory = await findTerritoryByCode(store.db, values.territory);
      if (!territory) {
        io.stderr(
          `Erreur : territoire « ${values.territory} » introuvable (code INSEE d’une commune, SIREN d’un EPCI, ou slug d’un territoire personnalisé).`,
        );
        return 2;
      }
      territoryId = territory.id;
    }
    const repo = ecosystemRepo(store.db);
    // People are also checked against those already stored (same e-mail, or same name in the same organisation).
    const planned = await planImport(repo, { kind, territoryId, bytes });
    const { plan } = planned;
    for (const issue of plan.issues) io.stdout(formatImportIssue(issue));
    const { valid, duplicates, errors } = plan.summary;
    io.stdout(`${kind}: ${valid} valides, ${duplicates} doublons probables, ${errors} erreurs`);
    if (errors > 0) {
      if (!dryRun) io.stderr('Rien n’a été importé : corrigez les lignes en erreur puis relancez.');
      return 1;
    }
    if (dryRun || !territoryId) return 0;
    const options = { importDuplicates: values['import-duplicates'] === true, actorUserId: null, territoryId };
    const confirmed = await confirmImport(repo, planned, options);
    if (!confirmed.ok) {
      io.stdout('Rien à importer : le fichier ne contient aucune ligne après les en-têtes.');
      return 0;
    }
    const written = confirmed.value;
    io.stdout(
      `${written.created} ${kind === 'organisations' ? 'organisations importées' : 'personnes importées'}` +
        (written.skipped ? `, ${written.skipped} doublons probables laissés de côté (--import-duplicates pour les importer)` : ''),
    );
    return 0;
  } finally {
    await store.close();
  }
}
