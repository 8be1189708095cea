// `ledelse tip [--date YYYY-MM-DD] [--channel ID] [--json]`: what a channel would get as its
// daily tip that day, without posting anything. DB_FILE is only read, never written.

import { existsSync, readFileSync } from 'node:fs';
import { Replies } from '../bot/replies.ts';
import { renderText } from '../bot/render-text.ts';
import { viewStatement } from '../bot/reply.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DataError } from '../knowledge/load.ts';
import { loadKnowledgeIndex, type KnowledgeIndex } from '../search/knowledge-index.ts';
import { calendarFromConfig } from '../tips/calendar.ts';
import { copenhagenClock, copenhagenDay, danishDay, daysBetween, isDay } from '../clock.ts';
import { previewTip, type PreviewResult } from '../tips/preview.ts';
import { commonTipFor } from '../tips/rotation.ts';
import { parseChannelSpec } from '../channels.ts';
import { errorMessage } from '../shared/errors.ts';
import { emptyTipState, normalizeTipState, type TipClaim, type TipState } from '../tips/state.ts';

export interface TipCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

const defaultIo: TipCommandIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  now: () => new Date(),
};

export const TIP_USAGE = `Brug: ledelse tip [--date ÅÅÅÅ-MM-DD] [--channel KANAL] [--json]

Viser, hvilket dagligt tip en kanal får en given dag — uden at sende noget.
  --date ÅÅÅÅ-MM-DD   dagen (dansk tid); standard er i dag
  --channel KANAL     Slack-kanal-id (C0123ABCD), evt. "slack:C0123ABCD", eller "teams:<samtale-id>".
                      Uden --channel vises dagens fælles tip (det, App Home og chatsiden viser).
  --json              skriv resultatet som JSON
Kanalens rotation læses fra DB_FILE, som ikke ændres.`;

interface Args {
  date?: string;
  channel?: string;
  json: boolean;
  help: boolean;
}

function parseArgs(args: string[]): Args | { error: string } {
  const out: Args = { json: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--date': {
        const v = value();
        if (v === undefined) return { error: '--date mangler en dato (ÅÅÅÅ-MM-DD).' };
        out.date = v;
        break;
      }
      case '--channel': {
        const v = value();
        if (v === undefined) return { error: '--channel mangler et kanal-id.' };
        out.channel = v;
        break;
      }
      case '--json':
        out.json = true;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        return { error: `Ukendt argument "${arg}".` };
    }
  }
  return out;
}

function readTipState(file: string): { state: TipState; note?: string } | { error: string } {
  if (file === ':memory:' || !existsSync(file)) return { state: emptyTipState(), note: `DB_FILE (${file}) findes ikke endnu, så ingen kanal har en rotation endnu.` };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { error: `DB_FILE (${file}) kan ikke læses som JSON: ${errorMessage(err)}` };
  }
  const tips = raw && typeof raw === 'object' ? (raw as { tips?: unknown }).tips : undefined;
  return { state: normalizeTipState(tips).state };
}

/** The same from PostgreSQL (DATABASE_URL), read only. */
async function readTipStateFromDatabase(config: Config): Promise<{ state: TipState; note?: string } | { error: string }> {
  const { openStore } = await import('../store/open.ts');
  try {
    const store = await openStore(config, { quiet: true });
    try {
      return { state: normalizeTipState(await store.readTips()).state };
    } finally {
      await store.close();
    }
  } catch (err) {
    return { error: `Databasen (DATABASE_URL) kan ikke læses: ${(err as Error).message}` };
  }
}

const CLAIM_TEXT: Record<TipClaim['state'], string> = {
  posted: 'Dette tip blev sendt',
  claimed: 'Dette tip blev gjort klar, men ikke bekræftet sendt (appen stoppede midt i afsendelsen); det sendes ikke igen',
  retry: 'Dette tip venter på at blive sendt igen, fordi platformen bad om at vente',
  paused: 'Dette tip blev ikke sendt, fordi kanalen blev sat på pause',
  failed: 'Dette tip kunne ikke sendes',
  expired: 'Dette tip blev ikke sendt: platformen bad om at vente, til fristen var passeret',
};

export async function runTipCommand(args: string[], io: TipCommandIo = defaultIo): Promise<number> {
  const parsed = parseArgs(args);
  if ('error' in parsed) {
    io.stderr(`${parsed.error}\n\n${TIP_USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(`${TIP_USAGE}\n`);
    return 0;
  }
  const now = io.now();
  const day = parsed.date ?? copenhagenDay(now);
  if (!isDay(day)) {
    io.stderr(`"${day}" er ikke en dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2025-12-01.\n`);
    return 2;
  }
  const spec = parsed.channel === undefined ? undefined : parseChannelSpec(parsed.channel);
  if (spec && 'error' in spec) {
    io.stderr(`${spec.error}.\n`);
    return 2;
  }

  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  let index: KnowledgeIndex;
  try {
    index = loadKnowledgeIndex(config.DATA_DIR);
  } catch (err) {
    if (err instanceof DataError) {
      io.stderr(`Vidensbasen er ugyldig: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const replies = new Replies({ current: index });
  const thisYear = Number(copenhagenDay(now).slice(0, 4));
  const when = danishDay(day, thisYear === Number(day.slice(0, 4)) ? thisYear : undefined);

  if (!spec) {
    const statement = commonTipFor(day, index.kb.statements);
    const reply = statement ? replies.tip(statement, 'Dagens tip') : undefined;
    if (parsed.json) {
      io.stdout(`${JSON.stringify({ date: day, channel: null, statement: statement ? viewStatement(statement, index.kb.sources) : null, reply: reply ?? null }, null, 2)}\n`);
    } else {
      io.stdout(reply ? `Dagens fælles tip ${when} (App Home og chatsiden):\n\n${renderText(reply)}\n` : 'Vidensbasen har ingen tips.\n');
    }
    return 0;
  }

  const read = config.DATABASE_URL ? await readTipStateFromDatabase(config) : readTipState(config.DB_FILE);
  if ('error' in read) {
    io.stderr(`${read.error}\n`);
    return 1;
  }
  const result = previewTip({
    state: read.state,
    key: spec.key,
    day,
    now,
    statements: index.kb.statements,
    schedule: { calendar: calendarFromConfig(config), cutoff: config.TIP_CUTOFF },
    defaultTime: config.TIP_TIME,
  });

  if (parsed.json) {
    io.stdout(`${JSON.stringify(toJson(result, day, spec.key, replies, index), null, 2)}\n`);
    return 0;
  }
  const old = daysBetween(day, copenhagenDay(now)) > 60;
  io.stdout(`${toText(result, when, spec.key, replies, read.note, config, old)}\n`);
  return 0;
}

function toJson(result: PreviewResult, day: string, key: string, replies: Replies, index: KnowledgeIndex) {
  const p = result.preview;
  const statement = p.kind === 'upcoming' || p.kind === 'claimed' ? p.statement : undefined;
  return {
    date: day,
    channel: key,
    status: p.kind,
    ...(p.kind === 'day-off' ? { reason: p.reason } : {}),
    ...(p.kind === 'claimed' ? { claim: p.claim } : {}),
    ...(p.kind === 'upcoming' ? { ahead: p.ahead } : {}),
    time: result.time,
    subscription: result.subscription
      ? {
          time: result.subscription.time,
          status: result.subscription.status,
          origin: result.subscription.origin,
          ...(result.subscription.pausedReason ? { pausedReason: result.subscription.pausedReason } : {}),
        }
      : null,
    round: { ...(p.kind === 'upcoming' ? { number: p.round } : {}), remaining: result.remaining, total: result.total },
    statement: statement ? viewStatement(statement, index.kb.sources) : null,
    reply: statement ? replies.tip(statement, 'Dagens tip') : null,
  };
}

function toText(result: PreviewResult, when: string, key: string, replies: Replies, note: string | undefined, config: Config, old: boolean): string {
  const p = result.preview;
  const lines: string[] = [];
  const sub = result.subscription;
  switch (p.kind) {
    case 'day-off':
      lines.push(`Intet tip til ${key} ${when}: ${p.reason}.`);
      break;
    case 'nothing-sent':
      lines.push(`Der blev ikke sendt noget tip til ${key} ${when}.${old ? ' (Ledelsesbot husker kun de sidste 60 dage.)' : ''}`);
      break;
    case 'window-closed':
      lines.push(
        `Der kommer ikke noget tip til ${key} i dag: tidspunktet kl. ${result.time} er passeret, og et forsinket tip sendes kun indtil kl. ${config.TIP_CUTOFF} (eller kanalen abonnerede først efter dagens tidspunkt).`,
      );
      break;
    case 'no-statements':
      lines.push('Vidensbasen har ingen tips (gør- og undgå-udsagn).');
      break;
    case 'claimed': {
      const at = p.claim.postedAt ?? p.claim.claimedAt;
      const error = p.claim.state === 'failed' && p.claim.error ? ` (fejlkode ${p.claim.error})` : '';
      lines.push(`Tip til ${key} ${when}. ${CLAIM_TEXT[p.claim.state]}${p.claim.state === 'posted' ? ` kl. ${copenhagenClock(new Date(at))}` : ''}${error}.`, '');
      lines.push(p.statement ? renderText(replies.tip(p.statement, 'Dagens tip')) : `(Udsagnet ${p.claim.statementId} findes ikke længere i data.)`);
      break;
    }
    case 'upcoming': {
      lines.push(`Tip til ${key} ${when} kl. ${result.time} (dansk tid) — kun en forhåndsvisning, intet er sendt:`, '');
      lines.push(renderText(replies.tip(p.statement, 'Dagens tip')));
      if (p.ahead > 1) lines.push('', `Det er det ${p.ahead}. tip fra nu, forudsat at tipsene før den dag bliver sendt.`);
      break;
    }
  }
  lines.push('');
  if (!sub && p.kind === 'upcoming') lines.push(`Kanalen abonnerer ikke på daglige tips; ovenfor er, hvad den ville få med et abonnement kl. ${result.time}.`);
  else if (!sub) lines.push('Kanalen abonnerer ikke på daglige tips.');
  else if (sub.status === 'paused') lines.push(`Kanalens tips er sat på pause: ${sub.pausedReason ?? 'kanalen kunne ikke modtage beskeder.'}`);
  else lines.push(`Kanalen får et tip hver hverdag kl. ${sub.time}${sub.origin === 'env' ? ' (sat op i TIP_CHANNELS)' : ''}.`);
  if (result.total > 0) lines.push(`Der er ${result.remaining} af ${result.total} tips tilbage i kanalens nuværende runde.`);
  if (note) lines.push(note);
  return lines.join('\n').trimEnd();
}
