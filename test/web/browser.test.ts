// The local page in a real browser: Debian's Chromium, driven by playwright-core, against the
// app started the way `npm start` does it (npx tsx src/main.ts) with no Slack or Teams settings.

import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, openAppInChromium, type AppInChromium, type Browser } from './chromium.ts';
import type { AppProcess } from './helpers.ts';

// Browser globals for page.evaluate callbacks; the project's tsconfig has no DOM lib, and these
// declarations stay local to this module.
declare const document: any;
declare const window: any;
declare function getComputedStyle(element: unknown): any;

const QUESTION = 'Hvordan fortæller jeg mine medarbejdere om nedskæringerne?';
const OFF_TOPIC = 'Hvad koster en pizza i Rom?';
const SOURCE = 'Kilde: Opsamling tværgående ledelsesgrupper, 22. maj 2024';

const inCi = process.env.CI === 'true';
const runnable = hasChromium() || inCi;
if (!runnable) {
  console.warn(`Browsertesten springes over: ${CHROMIUM_PATH} findes ikke. Installer den med "apt-get install -y chromium" (i CI fejler testen i stedet).`);
}

describe.skipIf(!runnable)('the local chat page in Chromium', () => {
  let session: AppInChromium;
  let app: AppProcess;
  let browser: Browser;
  let page: Page;
  let dbFile: string;
  let port: number;

  beforeAll(async () => {
    session = await openAppInChromium('browser');
    ({ app, browser, page, dbFile, port } = session);
  }, 120_000);

  afterAll(() => session?.close(), 30_000);

  /** The last bot message in the conversation. */
  function lastAnswer(): Locator {
    return page.locator('#log .message.bot').last();
  }

  async function send(text: string): Promise<Locator> {
    const before = await page.locator('#log .message.bot').count();
    const input = page.getByLabel('Skriv et spørgsmål eller en kommando');
    await input.fill(text);
    await input.press('Enter');
    await expect.poll(() => page.locator('#log .message.bot').count(), { timeout: 15_000 }).toBe(before + 1);
    return lastAnswer();
  }

  it('logs that it runs the local page on the given port, and how to connect Slack and Teams', () => {
    expect(app.url).toBe(`http://localhost:${port}`);
    expect(app.lines).toContain(`  Lokal chatside: http://localhost:${port}`);
    expect(app.lines.some((l) => /Slack: ikke sat op — sæt SLACK_APP_TOKEN og SLACK_BOT_TOKEN i \.env/.test(l))).toBe(true);
    expect(app.lines.some((l) => /Teams: .*sæt CLIENT_ID, CLIENT_SECRET og TENANT_ID i \.env/.test(l))).toBe(true);
  });

  it("shows a Danish page with today's tip as a card", async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ledelsesbot');
    const tip = page.locator('#tip');
    await tip.locator('.card').waitFor({ timeout: 15_000 });
    expect(await page.locator('#tip-title').textContent()).toBe('Dagens tip');
    expect(await tip.locator('.card-kind').textContent()).toMatch(/^[✓✗•](Gør|Undgå|Bemærkning|Ønske)$/);
    expect(await tip.locator('.card-meta').textContent()).toMatch(/^Ledelse (opad|nedad|til siden|udad) · Gruppe \d/);
    expect(await tip.locator('.card-source').textContent()).toBe(SOURCE);
    expect(await tip.getByRole('button', { name: 'Ja, det hjalp' }).count()).toBe(1);
  });

  it('answers a direction command with do and don\'t cards, groups and source', async () => {
    const answer = await send('/ledelse nedad');
    expect(await answer.getByRole('heading', { level: 3 }).textContent()).toBe('Ledelse nedad');
    expect((await answer.getByRole('heading', { level: 4 }).allTextContents()).slice(0, 2)).toEqual(['Gør', 'Undgå']);
    const doCards = answer.locator('.card-do');
    const dontCards = answer.locator('.card-dont');
    expect(await doCards.count()).toBeGreaterThan(2);
    expect(await dontCards.count()).toBeGreaterThan(2);
    expect(await doCards.first().locator('.card-kind').textContent()).toBe('✓Gør');
    expect(await dontCards.first().locator('.card-kind').textContent()).toBe('✗Undgå');
    for (const meta of await answer.locator('.card-meta').allTextContents()) expect(meta).toMatch(/^Ledelse nedad · Gruppe \d+/);
    for (const source of await answer.locator('.card-source').allTextContents()) expect(source).toBe(SOURCE);
    // The do's and don'ts are told apart by colour as well as by word.
    const doColour = await doCards.first().locator('.card-kind').evaluate((n) => getComputedStyle(n).color);
    const dontColour = await dontCards.first().locator('.card-kind').evaluate((n) => getComputedStyle(n).color);
    expect(doColour).toBe('rgb(20, 83, 45)');
    expect(dontColour).toBe('rgb(127, 29, 29)');
  });

  it('answers "nedad undgå" with only what to avoid', async () => {
    const answer = await send('nedad undgå');
    expect(await answer.locator('h3').textContent()).toBe('Ledelse nedad — undgå');
    expect(await answer.locator('.card-do').count()).toBe(0);
    expect(await answer.locator('.card-dont').count()).toBeGreaterThan(2);
  });

  it('answers a question with cards, and a 👍 is stored with the statement ids and no question text', async () => {
    const answer = await send(QUESTION);
    expect(await answer.locator('h3').textContent()).toBe('Det sagde ledelsesgrupperne');
    const cards = answer.locator('.card');
    const count = await cards.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(3);
    for (const meta of await answer.locator('.card-meta').allTextContents()) expect(meta).toMatch(/^Ledelse .+ · Gruppe \d+/);
    const ids = await cards.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-statement-id')));

    await answer.getByRole('button', { name: 'Ja, det hjalp' }).click();
    await answer.getByText('Tak for din feedback').waitFor({ timeout: 10_000 });
    expect(await answer.getByRole('button', { name: 'Ja, det hjalp' }).count()).toBe(0);
    expect(await answer.getByRole('button', { name: 'Nej, det hjalp ikke' }).count()).toBe(0);

    const raw = readFileSync(dbFile, 'utf8');
    const db = JSON.parse(raw);
    expect(db.feedback).toEqual([
      { day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), questionHash: expect.stringMatching(/^[0-9a-f]{32}$/), statementIds: ids, vote: 'up', platform: 'web' },
    ]);
    expect(db.questions).toContainEqual(expect.objectContaining({ questionHash: db.feedback[0].questionHash, platform: 'web', answered: true }));
    // GDPR: not the question, nor any telling part of it, anywhere in the file.
    for (const part of [QUESTION, 'fortæller', 'nedskæringerne', 'medarbejdere om']) expect(raw).not.toContain(part);
  });

  it('answers an off-topic question with the honest "no good match" and clickable suggestions', async () => {
    const answer = await send(OFF_TOPIC);
    expect(await answer.locator('h3').textContent()).toBe('Ingen gode svar');
    expect(await answer.locator('.reply-intro').textContent()).toMatch(/^Jeg fandt ikke noget i ledelsesgruppernes udsagn, der passer godt til dit spørgsmål\./);
    expect(await answer.locator('.card').count()).toBe(0);
    const suggestions = await answer.locator('.suggestions button').allTextContents();
    expect(suggestions).toEqual(['Ledelse opad', 'Ledelse nedad', 'Ledelse til siden', 'Ledelse udad', 'Bungays model og budgetprocessen']);

    await answer.getByRole('button', { name: 'Ledelse udad' }).click();
    await expect.poll(() => lastAnswer().locator('h3').textContent(), { timeout: 15_000 }).toBe('Ledelse udad');
    expect(await lastAnswer().locator('.card').count()).toBeGreaterThan(0);
    expect(readFileSync(dbFile, 'utf8')).not.toContain('pizza');
  });

  it('works by keyboard alone: skip link to the input, Enter sends, focus stays for the next question', async () => {
    // A fresh load, so the first Tab starts at the top of the page.
    await page.reload();
    await page.locator('#tip .card').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Gå til spørgsmålsfeltet');
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    });
    expect(outline).toBe('solid 3px');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('text');
    await page.keyboard.type('hjælp');
    const before = await page.locator('#log .message.bot').count();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#log .message.bot').count(), { timeout: 15_000 }).toBe(before + 1);
    expect(await lastAnswer().locator('h3').textContent()).toBe('Sådan bruger du Ledelsesbot');
    expect(await lastAnswer().locator('dt').allTextContents()).toEqual(expect.arrayContaining(['nedad undgå', 'tip', 'bungay']));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('text');

    // A quick button by keyboard: focus it, then Space.
    await page.getByRole('button', { name: 'Ledelse til siden' }).first().focus();
    await page.keyboard.press('Space');
    await expect.poll(() => lastAnswer().locator('h3').textContent(), { timeout: 15_000 }).toBe('Ledelse til siden');
  });

  it('announces new answers politely and shows a tip on request', async () => {
    const log = page.getByRole('log');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    const answer = await send('tip');
    expect(await answer.locator('h3').textContent()).toBe('Et tip fra ledelsesgrupperne');
    expect(await answer.locator('.card').count()).toBe(1);
    expect(await answer.getByRole('button', { name: /^Flere om / }).count()).toBe(1);
    const info = await send('tip abonner 08:30');
    expect(await info.locator('.reply-intro').textContent()).toMatch(/^Daglige tips sendes til kanaler i Slack og Teams/);
  });

  it('shows user text as text, never as markup', async () => {
    const answer = await send('<img src=x onerror="window.__owned=1"> nedad?');
    expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
    expect(await page.locator('#log .user-text').last().textContent()).toBe('<img src=x onerror="window.__owned=1"> nedad?');
    expect(await answer.locator('h3').count()).toBe(1);
  });

  it('fits a 375 px wide phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const box = await page.getByLabel('Skriv et spørgsmål eller en kommando').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('logged no script errors and made no request outside the app', () => {
    expect(browser.problems).toEqual([]);
  });
});
