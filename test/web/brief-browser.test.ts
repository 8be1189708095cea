// Brief and backbrief on the local page, in Chromium: the app started as `npm start` does it,
// one person giving a brief, another answering it, and the overview showing "1 af 2".

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, copenhagenDay } from '../../src/clock.ts';
import { hasChromium, openAppInChromium, type AppInChromium } from './chromium.ts';

const runnable = hasChromium() || process.env.CI === 'true';
const INTENT = 'Vi skal samle de to dagplejegrupper, så forældrene stadig har en fast dagplejer.';

describe.skipIf(!runnable)('brief and backbrief on the local page in Chromium', () => {
  let session: AppInChromium;
  let page: Page;

  beforeAll(async () => {
    session = await openAppInChromium('brief-browser');
    page = session.page;
  }, 120_000);

  afterAll(() => session?.close(), 30_000);

  async function as(name: string) {
    await page.getByLabel('Dit navn').fill(name);
  }

  const last = () => page.locator('#log .message.bot').last();

  it('gives a brief with checks in the form, lets a recipient answer it, and shows "1 af 2"', async () => {
    await as('Leder');
    await page.getByRole('button', { name: 'Giv et brief' }).click();
    const form = page.locator('form.brief-form').last();
    await form.waitFor();
    expect(await last().locator('.reply-intro').textContent()).toMatch(/^Et brief siger, hvad der skal opnås og hvorfor/);
    await form.locator('summary', { hasText: 'Se gruppernes bemærkninger' }).click();
    expect(await form.locator('.remarks-list').textContent()).toContain('Brief og backbrief - lang vej op og ned i organisationen');

    // Sent empty: the form says what is missing, in Danish, next to each field.
    await form.getByRole('button', { name: 'Send briefet' }).click();
    const errors = page.locator('form.brief-form').last().locator('.field-error');
    await expect.poll(() => errors.count()).toBeGreaterThanOrEqual(3);
    expect(await errors.allTextContents()).toEqual(
      expect.arrayContaining(['Skriv hensigten: hvad skal opnås, og hvorfor?', 'Vælg en frist.', 'Vælg mindst én modtager.']),
    );
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-invalid")')).toBe('true');

    const again = page.locator('form.brief-form').last();
    await again.getByLabel('Hensigt: hvad skal opnås, og hvorfor?').fill(INTENT);
    await again.getByLabel('Rammer').fill('Ingen forældre må stå uden pasning.');
    await again.getByLabel('Frist').fill(addDays(copenhagenDay(), 7));
    await again.getByLabel('Modtagere').fill('Anna, Bo');
    await again.getByRole('button', { name: 'Send briefet' }).click();
    await expect.poll(() => last().locator('.reply-title').textContent()).toBe('Dit brief er sendt');

    // Anna reads her messages and gives a backbrief.
    await as('Anna');
    await page.getByRole('button', { name: 'Beskeder til dig' }).click();
    await expect.poll(() => last().locator('.reply-title').textContent()).toBe('Du har fået et brief');
    expect(await last().textContent()).toContain(INTENT);
    await last().getByRole('button', { name: 'Giv backbrief' }).click();
    const backbrief = page.locator('form.brief-form').last();
    await backbrief.waitFor();
    await backbrief.getByLabel('Sådan har jeg forstået hensigten').fill('Vi samler grupperne.');
    await backbrief.getByLabel('Det vil jeg gøre').fill('Jeg taler med forældrene.');
    await backbrief.getByRole('button', { name: 'Send backbrief' }).click();
    await expect.poll(() => last().locator('.reply-title').textContent()).toBe('Tak for dit backbrief');

    // The leader sees the backbrief next to the intent, with the gentle note.
    await as('Leder');
    await page.getByRole('button', { name: 'Dine briefs', exact: true }).click();
    await expect.poll(() => last().locator('.reply-title').textContent()).toBe('Dine briefs');
    const overview = await last().textContent();
    expect(overview).toContain('1 af 2 har givet backbrief');
    expect(overview).toContain('Vi samler grupperne.');
    expect(overview).toContain('Backbriefet nævner ikke');
    expect(session.browser.problems).toEqual([]);
  }, 60_000);
});
