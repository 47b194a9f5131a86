// Whether `npm run build`'s output is there and newer than the sources it was built from.
// Shared by `npm start` and the CLI (which starts the built server when it is up to date).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Source folders and files each output is built from (relative to the repository's root). */
const outputs = [
  {
    file: 'apps/server/dist/main.js',
    of: 'du serveur',
    sources: ['apps/server/src', 'packages/core/src', 'packages/db/src', 'packages/solver/src', 'packages/db/migrations'],
  },
  { file: 'apps/web/dist/index.html', of: 'de l’interface web', sources: ['apps/web/src', 'apps/web/index.html', 'packages/core/src'] },
];

/** The newest modification time under `path` (a file or a folder), test files excluded. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.test\.tsx?$/.test(entry.name)) continue;
    const mtime = statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs;
    if (mtime > latest) latest = mtime;
  }
  return latest;
}

/** A French sentence saying what is missing or out of date, or undefined when the build is current. */
export function staleBuild(root) {
  for (const output of outputs) {
    const file = join(root, output.file);
    if (!existsSync(file)) return `La version construite ${output.of} est absente (${output.file}).`;
    const built = statSync(file).mtimeMs;
    const changed = Math.max(...output.sources.map((s) => newest(join(root, s))));
    if (changed > built) return `La version construite ${output.of} est plus ancienne que ses sources (${output.file}).`;
  }
  return undefined;
}
