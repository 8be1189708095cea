// The Teams app package: a manifest Teams accepts, icons of the right kind, a zip with the
// bot's id filled in — and a clear refusal without CLIENT_ID.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { parseIntent } from '../../src/bot/intent.ts';
import { MANIFEST_DIR, PackageError, buildTeamsPackage, drawColorIcon, drawOutlineIcon } from '../../scripts/teams-package.ts';

const manifest = JSON.parse(readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'));
const CLIENT_ID = '0a1b2c3d-1111-4222-8333-444455556666';

describe('manifest.json', () => {
  test('uses a current schema and the documented limits', () => {
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.developer.name.length).toBeLessThanOrEqual(32);
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[key]).toMatch(/^https:\/\//);
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  test('is in Danish', () => {
    expect(manifest.description.short).toContain('gør og undgå');
    expect(manifest.description.full).toContain('ledelsesgrupper');
  });

  test('has one bot, for personal chats, teams and group chats, with the app id as placeholder', () => {
    expect(manifest.id).toBe('${{CLIENT_ID}}');
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect(bot.botId).toBe('${{CLIENT_ID}}');
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
  });

  test('its command list is what the bot understands, with Danish descriptions within Teams\' limits', () => {
    const [list] = manifest.bots[0].commandLists;
    expect(list.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(list.commands.length).toBeLessThanOrEqual(10);
    const intents: Record<string, string> = {};
    for (const c of list.commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
      intents[c.title] = parseIntent(c.title).type;
    }
    expect(intents).toEqual({
      hjælp: 'help',
      nedad: 'direction',
      opad: 'direction',
      'til siden': 'direction',
      udad: 'direction',
      bungay: 'general',
      tip: 'tip',
      'tip abonner 08:30': 'tip-subscribe',
      'tip status': 'tip-status',
      'tip afmeld': 'tip-unsubscribe',
    });
  });
});

describe('icons', () => {
  const color = PNG.sync.read(readFileSync(path.join(MANIFEST_DIR, 'color.png')));
  const outline = PNG.sync.read(readFileSync(path.join(MANIFEST_DIR, 'outline.png')));

  test('color.png is 192×192 and opaque', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    for (let i = 3; i < color.data.length; i += 4) expect(color.data[i]).toBe(255);
  });

  test('outline.png is 32×32, white on transparent', () => {
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
      if (outline.data[i + 3] === 255) opaque++;
      if (outline.data[i + 3] === 0) transparent++;
    }
    expect(outline.data[3]).toBe(0); // corner
    expect(opaque).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(400);
  });

  test('the committed icons are the ones the script draws', () => {
    expect(Buffer.compare(Buffer.from(drawColorIcon().data), color.data)).toBe(0);
    expect(Buffer.compare(Buffer.from(drawOutlineIcon().data), outline.data)).toBe(0);
  });
});

describe('npm run teams:package', () => {
  test('writes a zip with manifest.json and both icons at its root, the bot id filled in', () => {
    const outFile = path.join(mkdtempSync(path.join(tmpdir(), 'teams-pkg-')), 'ledelsesbot-teams.zip');
    const { file, bytes } = buildTeamsPackage({ clientId: CLIENT_ID, outFile });
    expect(file).toBe(outFile);
    expect(bytes).toBeGreaterThan(1000);
    const entries = unzipSync(new Uint8Array(readFileSync(outFile)));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
    expect(packed.id).toBe(CLIENT_ID);
    expect(packed.bots[0].botId).toBe(CLIENT_ID);
    expect(JSON.stringify(packed)).not.toContain('${{');
    expect(Buffer.from(entries['color.png']!).equals(readFileSync(path.join(MANIFEST_DIR, 'color.png')))).toBe(true);
  });

  test('refuses in Danish without CLIENT_ID, or with one that is not an app id, and writes nothing', () => {
    const outFile = path.join(mkdtempSync(path.join(tmpdir(), 'teams-pkg-')), 'x.zip');
    expect(() => buildTeamsPackage({ clientId: undefined, outFile })).toThrow(PackageError);
    expect(() => buildTeamsPackage({ clientId: undefined, outFile })).toThrow(/CLIENT_ID er ikke sat/);
    expect(() => buildTeamsPackage({ clientId: 'min-bot', outFile })).toThrow(/CLIENT_ID skal være et app-id/);
    expect(existsSync(outFile)).toBe(false);
  });

  test('the command line exits with the Danish message when CLIENT_ID is missing', async () => {
    const env = { ...process.env };
    delete env.CLIENT_ID;
    const cwd = mkdtempSync(path.join(tmpdir(), 'teams-pkg-cwd-')); // no .env there
    const script = path.resolve(MANIFEST_DIR, '../../scripts/teams-package.ts');
    const tsx = path.resolve(MANIFEST_DIR, '../../node_modules/.bin/tsx');
    const run = promisify(execFile)(tsx, [script], { cwd, env }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );
    const { code, stderr } = await run;
    expect(code).toBe(1);
    expect(stderr).toContain('CLIENT_ID er ikke sat');
  });
});
