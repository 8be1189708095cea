// "Spørg HR" in a real browser, against the app started as `npm start` starts it with no Slack
// or Teams settings: a question with no answer → "Send spørgsmålet til HR" → the form → /hr,
// where HR answers and saves it → the answer on the page when the leader opens it again → the
// same question answered from HR's saved answer; /indsigt draws its charts.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openAppInChromium, type AppInChromium } from './chromium.ts';
import type { AppProcess } from './helpers.ts';

const QUESTION = 'Hvordan bestiller jeg en ny skærm til mit kontor?';
const ANSWER = 'Bestil skærmen i IT-portalen under "Udstyr" — den kommer inden for en uge.';

const inCi = process.env.CI === 'true';
const runnable = hasChromium() || inCi;

describe.skipIf(!runnable)('Spørg HR on the local page in Chromium', () => {
  let app: AppProcess;
  let session: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    session = await openAppInChromium('hr-browser');
    ({ app, page } = session);
  }, 120_000);

  afterAll(() => session?.close(), 30_000);

  async function send(text: string) {
    const before = await page.locator('#log .message.bot').count();
    await page.getByLabel('Skriv et spørgsmål eller en kommando').fill(text);
    await page.getByLabel('Skriv et spørgsmål eller en kommando').press('Enter');
    await expect.poll(() => page.locator('#log .message.bot').count(), { timeout: 15_000 }).toBe(before + 1);
    return page.locator('#log .message.bot').last();
  }

  it('sends a question with no answer to HR, anonymously, after the leader chose to', async () => {
    const answer = await send(QUESTION);
    expect(await answer.locator('h3').textContent()).toBe('Ingen gode svar');
    await answer.getByRole('button', { name: 'Send spørgsmålet til HR' }).click();
    const form = page.locator('#log .message.bot').last();
    await form.locator('form').waitFor({ timeout: 10_000 });
    expect(await form.getByLabel('Dit spørgsmål — HR ser præcis denne tekst').inputValue()).toBe(QUESTION);
    expect(await form.getByLabel('Send anonymt').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Send til HR' }).click();
    const sent = page.locator('#log .message.bot').last();
    await expect.poll(() => sent.locator('h3').textContent(), { timeout: 10_000 }).toBe('Sendt til HR');
    expect(await sent.locator('.reply-intro').textContent()).toContain('anonymt');
  });

  it('HR answers on /hr and saves the answer; the leader finds it on the page the next time', async () => {
    await page.goto(`${app.url}/hr`);
    const card = page.locator('article.hr-question').first();
    expect(await card.locator('.quote').textContent()).toBe(QUESTION);
    await card.getByLabel('Svar til lederen').fill(ANSWER);
    await card.getByLabel('Ja, så andre ledere får det samme svar').check();
    await card.getByRole('button', { name: 'Send svar' }).click();
    await page.locator('.notice').waitFor({ timeout: 10_000 });
    expect(await page.locator('.notice').textContent()).toContain('venter på lederen');

    await page.goto(app.url);
    const arrived = page.locator('#log .message.bot', { hasText: 'Svar fra HR' });
    await arrived.first().waitFor({ timeout: 15_000 });
    expect(await arrived.first().locator('.card-text').textContent()).toBe(ANSWER);
    expect(await arrived.first().locator('.quote').textContent()).toBe(QUESTION);

    const next = await send('Hvordan bestiller jeg en ny skærm til kontoret?');
    expect(await next.locator('h3').textContent()).toBe('Svar fra HR');
    expect(await next.locator('.card-source').first().textContent()).toMatch(/^Kilde: HR, \d{1,2}\. [a-z]+ \d{4}$/);
  });

  it('/indsigt shows the figures as SVG charts, with nothing loaded from outside', async () => {
    await page.goto(`${app.url}/indsigt`);
    expect(await page.locator('h1').textContent()).toBe('Indsigt');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
    expect(await page.locator('table.figures tbody tr').count()).toBe(12);
    expect(session.browser.problems).toEqual([]);
  });
});
