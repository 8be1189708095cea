// Chooses the front ends from the settings and starts them on one shared core.

import dotenv from 'dotenv';
import { consoleLogger, type RunningFrontEnd } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createCore } from './core.ts';
import { DataError } from './knowledge/load.ts';
import { LiveKnowledge } from './search/knowledge-index.ts';
import { readiness } from './health.ts';
import { errorMessage } from './shared/errors.ts';
import { within } from './shutdown.ts';
import { openStore } from './store/open.ts';

export type SlackMode = { mode: 'socket' } | { mode: 'http' } | { mode: 'off' } | { mode: 'incomplete'; message: string };

/** Which Slack mode the settings ask for; a half-configured Slack is an error worth a paragraph. */
export function slackMode(config: Config): SlackMode {
  const { SLACK_APP_TOKEN: app, SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret } = config;
  if (!app && !bot && !secret) return { mode: 'off' };
  const missing: string[] = [];
  if (!bot) missing.push('SLACK_BOT_TOKEN (xoxb-…, under "OAuth & Permissions")');
  if (bot && !bot.startsWith('xoxb-')) {
    return { mode: 'incomplete', message: 'SLACK_BOT_TOKEN skal begynde med xoxb- ("Bot User OAuth Token" under "OAuth & Permissions" på api.slack.com/apps). (SLACK_BOT_TOKEN must start with xoxb-.)' };
  }
  if (app && !app.startsWith('xapp-')) {
    return { mode: 'incomplete', message: 'SLACK_APP_TOKEN skal begynde med xapp- (app-niveau-token under "Basic Information → App-Level Tokens", med scopet connections:write).' };
  }
  if (!app && !secret) missing.push('SLACK_SIGNING_SECRET (under "Basic Information → App Credentials")');
  if (missing.length) {
    return {
      mode: 'incomplete',
      message:
        `Slack er kun delvist sat op: ${missing.join(' og ')} mangler i miljøet (.env); du finder det på api.slack.com/apps under din app. ` +
        'Socket Mode kræver SLACK_APP_TOKEN og SLACK_BOT_TOKEN; HTTP-tilstand kræver SLACK_BOT_TOKEN og SLACK_SIGNING_SECRET — se README, afsnittet om Slack. ' +
        `(Slack is only partly configured: set ${missing.map((m) => m.split(' ')[0]).join(' and ')}.)`,
    };
  }
  return app ? { mode: 'socket' } : { mode: 'http' };
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const log = consoleLogger;
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      log.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const slack = slackMode(config);
  if (slack.mode === 'incomplete') {
    log.error(slack.message);
    process.exit(2);
  }

  let knowledge: LiveKnowledge;
  try {
    knowledge = LiveKnowledge.load(config.DATA_DIR, (l) => log.warn(l));
  } catch (err) {
    if (err instanceof DataError) {
      log.error(`Vidensbasen er ugyldig og bruges ikke. ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  knowledge.watch();
  let store;
  try {
    // PostgreSQL when DATABASE_URL is set (then no state file is written), else DB_FILE.
    store = await openStore(config, { log });
  } catch (err) {
    log.error(errorMessage(err));
    process.exit(1);
  }
  // Retention: at start and daily. A database that is away is tried again the next day.
  const prune = () => store.prune(config.RETENTION_DAYS).catch((err: unknown) => log.warn(`Sletning af gamle data mislykkedes: ${errorMessage(err)}`));
  await prune();
  const pruning = setInterval(() => void prune(), 24 * 60 * 60 * 1000);
  pruning.unref();
  // The core first, in dependency order; then the front ends, each with what it uses.
  const { conversation, tips, brief, hr } = createCore({ config, knowledge, store, log });
  const { deliveries: tipDeliveries, todaysTip } = tips;
  await hr.ready;
  // /readyz on every front end's port: the knowledge loaded and the store reachable.
  const probe = () => readiness({ knowledge, store });
  const personDeliveries = brief.deliveries;

  const running: RunningFrontEnd[] = [];
  if (slack.mode !== 'off') {
    const { startSlack } = await import('./slack/index.ts');
    try {
      running.push(
        await startSlack({ config, knowledge, conversation, todaysTip, tipDeliveries, personDeliveries, hr: hr.frontEnds, readiness: probe, log }, slack.mode),
      );
    } catch (err) {
      // A refused token or an unreachable Slack: one clear paragraph, not a stack trace.
      log.error(errorMessage(err));
      process.exit(1);
    }
  }
  {
    const { startTeams } = await import('./teams/index.ts');
    try {
      running.push(await startTeams({ config, conversation, store, tipDeliveries, personDeliveries, hr: hr.frontEnds, readiness: probe, log }));
    } catch (err) {
      // Without Teams credentials the Teams endpoint is only a local convenience: the rest runs on.
      if (config.CLIENT_ID) throw err;
      log.warn(`Teams-endepunktet kunne ikke starte lokalt, resten kører videre: ${errorMessage(err)}`);
    }
  }
  if (slack.mode !== 'http') {
    const { startWeb } = await import('./web/server.ts');
    running.push(await startWeb({ config, conversation, todaysTip, personDeliveries, hr, readiness: probe, log }));
  }
  await tips.scheduler.start();
  await brief.scheduler.start();

  const mode =
    slack.mode === 'socket' ? 'Slack i Socket Mode' : slack.mode === 'http' ? 'Slack i HTTP-tilstand' : 'lokal chatside (ingen Slack-opsætning)';
  log.info(`Ledelsesbot kører — tilstand: ${mode}, Teams ${config.CLIENT_ID ? 'med login' : 'kun lokalt'}. ${knowledge.current.kb.statements.length} udsagn.`);
  for (const fe of running) log.info(`  ${fe.name}${fe.address ? `: ${fe.address}` : ''}`);
  if (slack.mode === 'off') log.info('  Slack: ikke sat op — sæt SLACK_APP_TOKEN og SLACK_BOT_TOKEN i .env (se README, "Slack").');
  if (!config.CLIENT_ID) log.info('  Teams: kun lokalt uden login — sæt CLIENT_ID, CLIENT_SECRET og TENANT_ID i .env (se README, "Teams").');

  // SIGTERM (a rolling deploy, a scale-down): stop taking new work, let answers in flight finish
  // within SHUTDOWN_TIMEOUT, write what the store still holds, then exit.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const graceMs = config.SHUTDOWN_TIMEOUT * 1000;
    log.info(`${signal}: Ledelsesbot stopper (højst ${config.SHUTDOWN_TIMEOUT} s til svar, der er i gang).`);
    const hardStop = setTimeout(() => {
      log.warn('Ledelsesbot stoppede, før alle svar var færdige (SHUTDOWN_TIMEOUT).');
      process.exit(1);
    }, graceMs + 5_000);
    hardStop.unref();
    tips.scheduler.stop();
    brief.scheduler.stop();
    knowledge.close();
    clearInterval(pruning);
    await within(Promise.allSettled(running.map((fe) => fe.stop())), graceMs);
    await store.close(2_000);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
