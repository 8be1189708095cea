// Debian's Chromium driven by playwright-core, for the browser test and the screenshots.

import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import path from 'node:path';
import { freePort, removeDir, startAppProcess, tempDir, type AppProcess } from './helpers.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and requests that left this machine. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile and no background traffic. Any request that is not
 * for `allowedOrigin` is blocked and reported: the page must work without external network.
 */
export async function launchChromium(allowedOrigin: string, viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const profile = tempDir('chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    locale: 'da-DK',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(allowedOrigin) || url.startsWith('data:')) return route.continue();
    problems.push(`request outside the app: ${url}`);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      removeDir(profile);
    },
  };
}

/** A real `npm start` on a free port with its own state file, opened in headless Chromium. */
export interface AppInChromium {
  app: AppProcess;
  browser: Browser;
  page: Page;
  stateDir: string;
  dbFile: string;
  port: number;
  close(): Promise<void>;
}

export async function openAppInChromium(name: string): Promise<AppInChromium> {
  if (!hasChromium()) throw new Error(`${CHROMIUM_PATH} mangler. Installer den med "apt-get update && apt-get install -y chromium".`);
  const stateDir = tempDir(name);
  const dbFile = path.join(stateDir, 'ledelsesbot.json');
  const port = await freePort();
  const app = await startAppProcess({ PORT: String(port), DB_FILE: dbFile });
  const browser = await launchChromium(app.url);
  await browser.page.goto(app.url);
  return {
    app,
    browser,
    page: browser.page,
    stateDir,
    dbFile,
    port,
    async close() {
      await browser.close();
      await app.stop();
      removeDir(stateDir);
    },
  };
}
