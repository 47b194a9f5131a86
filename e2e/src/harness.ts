import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '@maillage/db';
import { openTestStore } from '@maillage/db/testing';
import { hash } from '@node-rs/argon2';
import { buildApp, createMailer, readConfig } from '@maillage/server';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const screenshotsDir = join(here, '..', 'screenshots');

/** Debian's chromium, or undefined when this machine has none (the journeys are then skipped). */
export const chromiumPath: string | undefined =
  process.env.MAILLAGE_SKIP_BROWSER === '1'
    ? undefined
    : [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => Boolean(p && existsSync(p)));

export interface RunningServer {
  readonly url: string;
  readonly store: Store;
  readonly app: FastifyInstance;
  readonly mailer: ReturnType<typeof createMailer>;
  close(): Promise<void>;
}

/** The real server on a real port, with a fresh store (a migrated PGlite, or PostgreSQL if asked). */
export async function startServer(options: { kind?: 'pglite' | 'postgres'; env?: NodeJS.ProcessEnv } = {}): Promise<RunningServer> {
  const store = await openTestStore(options.kind ?? 'pglite');
  const config = readConfig({ LOG_LEVEL: 'silent', PORT: '1', ...options.env });
  const mailer = createMailer(undefined, config.SMTP_FROM);
  const app = await buildApp({ config, store, mailer, now: () => new Date(), version: 'e2e' }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    app,
    mailer,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** Logs in through the login page, then lands on `suite` (a path of the app). */
export async function logIn(page: Page, url: string, email: string, password: string, suite: string): Promise<void> {
  await page.goto(`${url}/connexion?suite=${encodeURIComponent(suite)}`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Headless Debian chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium introuvable');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-gl=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

export const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'fr-FR',
  timezoneId: 'Europe/Paris',
};
export const desktop = { viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' };

/** A new browser context; console errors and CSP violations are collected so a test can assert none. */
export async function newContext(browser: Browser, options = desktop): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page (WCAG 2.1 A and AA rules) and returns the serious and critical
 * violations. Evaluated through the DevTools protocol, so the page's strict CSP stays on.
 */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * Runs a journey step; on failure saves a screenshot named after it, then rethrows with the step's
 * name in front of the message, so that a failed journey says which step broke.
 */
export async function withScreenshot<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true }).catch(() => {});
    if (error instanceof Error && !error.message.startsWith(`[${name}]`)) error.message = `[${name}] ${error.message}`;
    throw error;
  }
}

/** The password of every account the journeys seed. */
export const password = 'mot de passe solide';

/** An administrator, so the instance is past its first run (no set-up page). */
export async function seedAdmin(server: RunningServer): Promise<void> {
  await server.store.db
    .insertInto('users')
    .values({ email: 'admin@exemple.fr', display_name: 'Admin', password_hash: await hash(password), is_admin: true })
    .execute();
}

/**
 * A territory (an EPCI), an administrator (so the instance is past its first run, no set-up page)
 * and a facilitator of that territory, as the live journeys start from.
 */
export async function seedFacilitator(
  server: RunningServer,
  options: { territoryName: string; slug: string; email?: string; displayName?: string },
): Promise<{ territoryId: string; userId: string }> {
  const db = server.store.db;
  const territory = await db
    .insertInto('territories')
    .values({ kind: 'epci', name: options.territoryName, slug: options.slug })
    .returning('id')
    .executeTakeFirstOrThrow();
  await seedAdmin(server);
  const user = await db
    .insertInto('users')
    .values({
      email: options.email ?? 'animation@exemple.fr',
      display_name: options.displayName ?? 'Awa Animation',
      password_hash: await hash(password),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('role_assignments').values({ user_id: user.id, role: 'facilitator', territory_id: territory.id }).execute();
  return { territoryId: territory.id, userId: user.id };
}

/** A participant joins a room from her phone by its code (with her kind of structure when given). */
export async function joinOnPhone(page: Page, url: string, code: string, name: string, kind?: string): Promise<void> {
  await page.goto(`${url}/j/${code}`);
  await page.getByRole('heading', { name: `Rejoindre la salle ${code}` }).waitFor();
  await page.getByLabel('Votre nom').fill(name);
  if (kind) await page.getByLabel('Votre structure').selectOption(kind);
  await page.getByRole('button', { name: 'Rejoindre' }).click();
  await page.getByText('Connecté à la salle').waitFor();
}

/** Overflow to the right of the page, in CSS pixels (0 when nothing scrolls sideways). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
      .documentElement;
    return d.scrollWidth - d.clientWidth;
  });
}
