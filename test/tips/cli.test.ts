// `ledelse tip --date YYYY-MM-DD --channel ID`: a preview that matches what is later posted,
// and that leaves DB_FILE untouched.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTipCommand, type TipCommandIo } from '../../src/cli/tip.ts';
import { copenhagenInstant } from '../../src/clock.ts';
import { makeWorld, subscribe, tempDbFile } from './helpers.ts';

function io(env: Record<string, string>, now: Date) {
  const out: string[] = [];
  const err: string[] = [];
  const value: TipCommandIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, now: () => now };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

async function cli(args: string[], env: Record<string, string>, now: Date) {
  const c = io(env, now);
  const code = await runTipCommand(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('ledelse tip', () => {
  it('shows what was posted, and exactly what will be posted the next days, without changing DB_FILE', async () => {
    const file = tempDbFile();
    const world = await makeWorld({ start: new Date('2025-11-28T12:00:00Z'), dbFile: file });
    await subscribe(world, 'C0123ABCD', '08:30');
    world.clock.at('2025-12-01', '08:30');
    await world.scheduler.tick();
    const posted = world.posts[0]!;
    const env = { DB_FILE: file };
    const monday10 = copenhagenInstant('2025-12-01', '10:00');

    const bytes = readFileSync(file, 'utf8');
    const mtime = statSync(file).mtimeMs;

    const today = await cli(['--date', '2025-12-01', '--channel', 'C0123ABCD'], env, monday10);
    expect(today.code).toBe(0);
    expect(today.out).toContain('Tip til slack:C0123ABCD mandag 1. december. Dette tip blev sendt kl. 08:30.');
    expect(today.out).toContain(posted.reply.sections[0]!.statements[0]!.text);

    const tue = await cli(['--date=2025-12-02', '--channel', 'slack:C0123ABCD', '--json'], env, monday10);
    const wed = await cli(['--date', '2025-12-03', '--channel', 'C0123ABCD'], env, monday10);
    const tueJson = JSON.parse(tue.out);
    expect(tueJson).toMatchObject({ date: '2025-12-02', channel: 'slack:C0123ABCD', status: 'upcoming', ahead: 1, time: '08:30' });
    expect(tueJson.reply.type).toBe('tip');
    expect(tueJson.subscription).toMatchObject({ time: '08:30', status: 'active', origin: 'command' });
    expect(wed.out).toContain('Tip til slack:C0123ABCD onsdag 3. december kl. 08:30 (dansk tid) — kun en forhåndsvisning, intet er sendt:');
    expect(wed.out).toContain('Det er det 2. tip fra nu');
    expect(wed.out).toMatch(/(Gør|Undgå) · Ledelse /);
    expect(wed.out).toContain('Kilde: Opsamling tværgående ledelsesgrupper, 22. maj 2024');

    const before = await cli(['--date', '2025-11-27', '--channel', 'C0123ABCD'], env, monday10);
    expect(before.out).toContain('Der blev ikke sendt noget tip til slack:C0123ABCD torsdag 27. november.');
    expect(before.out).not.toContain('60 dage');

    expect(readFileSync(file, 'utf8')).toBe(bytes);
    expect(statSync(file).mtimeMs).toBe(mtime);

    // Now let the days happen: the posts are the ones previewed.
    for (const d of ['2025-12-02', '2025-12-03']) {
      world.clock.at(d, '08:30');
      await world.scheduler.tick();
    }
    expect(world.posts[1]!.statementId).toBe(tueJson.statement.id);
    expect(wed.out).toContain(world.posts[2]!.reply.sections[0]!.statements[0]!.text);
  });

  it('names the reason on a day without tips', async () => {
    const env = { DB_FILE: tempDbFile() };
    const now = new Date('2025-12-01T09:00:00Z');
    expect((await cli(['--date', '2025-12-06', '--channel', 'C1'], env, now)).out).toContain('Intet tip til slack:C1 lørdag 6. december: det er lørdag.');
    expect((await cli(['--date', '2025-12-25', '--channel', 'C1'], env, now)).out).toContain('Juledag er helligdag');
    expect((await cli(['--date', '2025-12-24', '--channel', 'C1'], env, now)).out).toContain('juleaftensdag er fridag');
    expect((await cli(['--date', '2025-12-24', '--channel', 'C1'], { ...env, TIP_SKIP_DEC24: 'false' }, now)).out).toContain('kun en forhåndsvisning');
  });

  it('previews a channel without a subscription, and says so', async () => {
    const r = await cli(['--date', '2025-12-02', '--channel', 'C1'], { DB_FILE: tempDbFile() }, new Date('2025-12-01T09:00:00Z'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Kanalen abonnerer ikke på daglige tips; ovenfor er, hvad den ville få med et abonnement kl. 08:30.');
    expect(r.out).toContain('findes ikke endnu');
  });

  it('shows the common tip of the day without --channel', async () => {
    const world = await makeWorld({ start: copenhagenInstant('2025-12-06', '12:00') });
    const r = await cli(['--date', '2025-12-06'], { DB_FILE: tempDbFile() }, new Date('2025-12-01T09:00:00Z'));
    expect(r.out).toContain('Dagens fælles tip lørdag 6. december');
    expect(r.out).toContain(world.todaysTip().sections[0]!.statements[0]!.text);
  });

  it('answers bad input with a clear Danish message', async () => {
    const env = { DB_FILE: tempDbFile() };
    const now = new Date('2025-12-01T09:00:00Z');
    const badDate = await cli(['--date', '2025-02-30', '--channel', 'C1'], env, now);
    expect(badDate.code).toBe(2);
    expect(badDate.err).toContain('"2025-02-30" er ikke en dato. Skriv datoen som ÅÅÅÅ-MM-DD');
    const badChannel = await cli(['--channel', '#general'], env, now);
    expect(badChannel.code).toBe(2);
    expect(badChannel.err).toContain('er ikke et Slack-kanal-id');
    const unknown = await cli(['--dato', 'i morgen'], env, now);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Ukendt argument "--dato".');
    expect(unknown.err).toContain('Brug: ledelse tip');
    const missing = await cli(['--date'], env, now);
    expect(missing.err).toContain('--date mangler en dato');
    const broken = tempDbFile();
    writeFileSync(broken, '{ not json');
    const corrupt = await cli(['--channel', 'C1'], { DB_FILE: broken }, now);
    expect(corrupt.code).toBe(1);
    expect(corrupt.err).toContain('kan ikke læses som JSON');
    const badEnv = await cli(['--channel', 'C1'], { ...env, TIP_CUTOFF: 'middag' }, now);
    expect(badEnv.code).toBe(2);
    expect(badEnv.err).toContain('TIP_CUTOFF');
  });
});
