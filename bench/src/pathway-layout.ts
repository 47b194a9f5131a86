/**
 * Layout time of a change pathway's graph (issue 13: under 200 ms in the browser): a pathway of 60
 * changes (20 per horizon) and 120 links, laid out by the web's own code
 * (`apps/web/src/features/pathways/layout.ts`, dagre with fixed columns), bundled by Vite as the
 * page gets it and timed inside Debian's chromium (playwright-core). Without chromium, the same
 * bundle runs in Node and the line says `where=node`. Median over several runs after a warm-up.
 *
 *   npm run bench:pathway-layout [-- --runs 15] [-- --node]   (--node: time it in Node instead)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runInNewContext } from 'node:vm';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, node: { type: 'boolean', default: false } } });
const runs = Number(values.runs);

/** A deterministic pathway: 20 changes per horizon, 120 links that run left to right (some to the vision). */
function syntheticPathway() {
  const horizons = ['court', 'moyen', 'long'] as const;
  const changes = Array.from({ length: 60 }, (_, i) => ({
    id: `c${i}`,
    horizon: horizons[Math.floor(i / 20)] as (typeof horizons)[number],
    text: `Changement ${i} : les acteurs du quartier se connaissent et partagent un état des lieux du parcours des parents`,
  }));
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const links: { id: string; from: string; to: string | null }[] = [];
  const seen = new Set<string>();
  while (links.length < 120) {
    const a = Math.floor(next() * 60);
    const h = Math.floor(a / 20);
    let to: string | null;
    if (h === 2 && next() < 0.5) to = null;
    else {
      // the same horizon (a later change of it) or a later horizon: never backwards, never a loop
      const b = Math.floor(next() * 60);
      if (Math.floor(b / 20) < h || (Math.floor(b / 20) === h && b <= a)) continue;
      to = `c${b}`;
    }
    const key = `${a}>${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ id: `l${links.length}`, from: `c${a}`, to });
  }
  return { changes, links, visionText: 'Les enfants des quartiers sont plus épanouis, leurs parents mieux soutenus' };
}

/** The layout module as the browser gets it: one IIFE exposing `PathwayLayout.layoutPathway`. */
async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      minify: true,
      lib: { entry: join(root, 'apps/web/src/features/pathways/layout.ts'), formats: ['iife'], name: 'PathwayLayout' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('bundle: no chunk');
  return chunk.code;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Runs inside the page (or the Node context): a warm-up, then `runs` timed layouts. */
const timeLayouts = `(input, runs) => {
  const f = PathwayLayout.layoutPathway;
  f(input);
  const times = [];
  let boxes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    boxes = f(input).boxes.length;
    times.push(performance.now() - t0);
  }
  return { times, boxes };
}`;

const code = await bundle();
const input = syntheticPathway();
const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string =>
  Boolean(p && existsSync(p)),
);
let where = 'chromium';
let result: { times: number[]; boxes: number };
if (chromiumPath && !values.node) {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>bench</title>');
    await page.addScriptTag({ content: code });
    result = await page.evaluate(`(${timeLayouts})(${JSON.stringify(input)}, ${runs})`);
  } finally {
    await browser.close();
  }
} else {
  where = 'node';
  const context: Record<string, unknown> = { performance };
  runInNewContext(`${code}; globalThis.PathwayLayout = PathwayLayout;`, context);
  result = runInNewContext(`(${timeLayouts})(input, runs)`, { ...context, input, runs });
}
if (result.boxes !== 61) throw new Error(`expected 61 boxes (60 changes and the vision), got ${result.boxes}`);
console.log(
  `pathway_layout median_ms=${median(result.times).toFixed(1)} runs=${runs} changes=${input.changes.length} links=${input.links.length}`,
);
console.error(`(measured in ${where}${where === 'node' ? ', with the same bundle' : ', Debian chromium through playwright-core'})`);
