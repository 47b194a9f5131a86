// `npm run build` step: prepares the PGlite template a new instance starts from.
import { ensurePgliteTemplate, pgliteTemplatePath } from './template';

const started = performance.now();
await ensurePgliteTemplate();
console.log(`Modèle de base PGlite prêt : ${pgliteTemplatePath()} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
