// Takes docs/screenshot.png (1280 px wide) and docs/screenshot-phone.png (375 px wide) of the
// local page with a direction answer and a question answer. Run: npx tsx test/web/screenshot.ts

import path from 'node:path';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, CHROMIUM_PATH } from './chromium.ts';
import { REPO_ROOT, removeDir, startAppProcess, tempDir } from './helpers.ts';

// Browser globals for page.evaluate callbacks; the project's tsconfig has no DOM lib, and these
// declarations stay local to this module.
declare const document: any;
declare const window: any;
declare function getComputedStyle(element: unknown): any;

async function send(page: Page, text: string): Promise<void> {
  const before = await page.locator('#log .message.bot').count();
  const input = page.getByLabel('Skriv et spørgsmål eller en kommando');
  await input.fill(text);
  await input.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#log .message.bot').length > n, before);
}

async function shoot(url: string, width: number, file: string): Promise<void> {
  const browser = await launchChromium(url, { width, height: 900 });
  try {
    const { page } = browser;
    await page.goto(url);
    await page.locator('#tip .card').waitFor();
    await send(page, 'udad undgå');
    await send(page, 'Hvordan fortæller jeg mine medarbejdere om nedskæringerne?');
    // One tall window instead of fullPage, so the sticky input sits at the bottom, as it does.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(600);
    await page.screenshot({ path: file });
    if (browser.problems.length) throw new Error(browser.problems.join('\n'));
  } finally {
    await browser.close();
  }
}

if (!hasChromium()) {
  console.error(`${CHROMIUM_PATH} mangler. Installer den med "apt-get install -y chromium".`);
  process.exit(1);
}
const state = tempDir('screenshot');
const app = await startAppProcess({ PORT: '0', DB_FILE: path.join(state, 'db.json') });
try {
  await shoot(app.url, 1280, path.join(REPO_ROOT, 'docs', 'screenshot.png'));
  await shoot(app.url, 375, path.join(REPO_ROOT, 'docs', 'screenshot-phone.png'));
  console.log('docs/screenshot.png og docs/screenshot-phone.png er gemt.');
} finally {
  await app.stop();
  removeDir(state);
}
