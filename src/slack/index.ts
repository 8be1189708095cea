// The Slack front end: a Bolt app in Socket Mode (SLACK_APP_TOKEN set) or HTTP mode (events,
// commands and interactivity at POST /slack/events on PORT).

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, type webApi } from '@slack/bolt';
import type { Logger, RunningFrontEnd } from '../app.ts';
import type { Conversation } from '../bot/conversation.ts';
import type { KnowledgeSource } from '../bot/replies.ts';
import type { Config } from '../config.ts';
import type { PersonDeliveries } from '../brief/delivery.ts';
import type { HrFrontEnds } from '../hr/front-ends.ts';
import type { TipDeliveries } from '../tips/delivery.ts';
import type { TodaysTip } from '../tips/today.ts';
import { createSlackBot, describeError, type SlackBot } from './bot.ts';
import { createTipDelivery } from './delivery.ts';
import { createPersonDelivery } from './person-delivery.ts';
import { createSlackHrFrontEnd } from './hr.ts';
import { createHttpFetch } from './http-fetch.ts';
import { registerListeners } from './listeners/index.ts';
import { boltLogger } from './logger.ts';
import { serveHealth, type ReadinessProbe } from '../health.ts';
import { SLACK_PLATFORM } from './platform.ts';

/** What the Slack front end uses from the app. */
export interface SlackDeps {
  config: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL' | 'PORT' | 'HOST'>;
  conversation: Conversation;
  /** For App Home: where the knowledge comes from and how much there is. */
  knowledge: KnowledgeSource;
  todaysTip: TodaysTip;
  tipDeliveries: TipDeliveries;
  /** Answers /readyz on the HTTP port. */
  readiness: ReadinessProbe;
  /** Where brief and backbrief reach people; Slack registers its direct messages here. */
  personDeliveries?: PersonDeliveries;
  /** "Spørg HR": where Slack registers how it posts to HR_CHANNEL and delivers answers. */
  hr?: HrFrontEnds;
  log: Logger;
}

export type SlackRunMode = 'socket' | 'http';

/** Where Slack sends events, commands and button clicks in HTTP mode. */
export const EVENTS_PATH = '/slack/events';

/**
 * Ack at once, work afterwards. With `processBeforeResponse: false` Bolt answers Slack's HTTP
 * request the moment a listener calls ack() (events are acked before any listener runs), and
 * the answer follows through response_url or chat.postMessage. That keeps every command well
 * inside Slack's 3 seconds however long an answer takes. `true` is for serverless platforms
 * that freeze the process after the response; this app is a long-running server.
 */
export const PROCESS_BEFORE_RESPONSE = false;

/**
 * The Web API client must never sit in a retry loop: a 429 is rejected at once (the tip core
 * retries after Retry-After), and network errors are retried twice, briefly.
 */
export const WEB_API_RETRY: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3000, randomize: true };
export const WEB_API_TIMEOUT_MS = 15_000;

export class SlackStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackStartError';
  }
}

/** On stop, how long answers already acknowledged may take to go out. */
export const STOP_GRACE_MS = 5000;

export interface SlackApp {
  app: App;
  /** The HTTP receiver in HTTP mode. */
  receiver?: HTTPReceiver;
  bot: SlackBot;
}

export interface RunningSlack extends RunningFrontEnd {
  app: App;
  /** The port actually listened on (HTTP mode); with PORT=0 a free one. */
  port?: number;
  /** Full URL of the events endpoint (HTTP mode). */
  url?: string;
}

function clientOptions(deps: SlackDeps): webApi.WebClientOptions {
  return {
    ...(deps.config.SLACK_API_URL ? { slackApiUrl: deps.config.SLACK_API_URL } : {}),
    fetch: createHttpFetch(),
    rejectRateLimitedCalls: true,
    retryConfig: WEB_API_RETRY,
    timeout: WEB_API_TIMEOUT_MS,
  };
}

function statusPage(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`Ledelsesbot kører. Slack sender hændelser, kommandoer og knaptryk til POST ${EVENTS_PATH}.\n`);
}

/** Builds the Bolt app with every listener, without starting it (tests and main.ts start it). */
export function createSlackApp(deps: SlackDeps, mode: SlackRunMode): SlackApp {
  const { SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = deps.config;
  if (!token) throw new SlackStartError('SLACK_BOT_TOKEN mangler (xoxb-…, under "OAuth & Permissions" på api.slack.com/apps).');
  const logger = boltLogger(deps.log, LogLevel.INFO);
  const common = { token, logger, logLevel: LogLevel.INFO, clientOptions: clientOptions(deps), convoStore: false as const, deferInitialization: true };
  let app: App;
  let receiver: HTTPReceiver | undefined;
  if (mode === 'socket') {
    if (!appToken) throw new SlackStartError('SLACK_APP_TOKEN mangler (xapp-…, under "Basic Information → App-Level Tokens").');
    app = new App({ ...common, appToken, socketMode: true });
  } else {
    if (!signingSecret) throw new SlackStartError('SLACK_SIGNING_SECRET mangler (under "Basic Information → App Credentials").');
    receiver = new HTTPReceiver({
      signingSecret,
      endpoints: EVENTS_PATH,
      processBeforeResponse: PROCESS_BEFORE_RESPONSE,
      logger,
      customRoutes: [
        { path: '/', method: ['GET'], handler: statusPage },
        { path: '/healthz', method: ['GET'], handler: statusPage },
        { path: '/readyz', method: ['GET'], handler: (req, res) => void serveHealth(req, res, deps.readiness) },
      ],
    });
    app = new App({ ...common, receiver });
  }
  const bot = createSlackBot({ conversation: deps.conversation, knowledge: deps.knowledge, todaysTip: deps.todaysTip, log: deps.log });
  registerListeners(app, bot);
  app.error(async (error) => {
    deps.log.error(`Slack: ${describeError(error.original ?? error)}`);
  });
  return receiver ? { app, receiver, bot } : { app, bot };
}

/** A Danish explanation of why Slack refused the token at start-up. */
function startProblem(err: unknown): string {
  const code = describeError(err);
  if (['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive', 'token_expired'].includes(code)) {
    return `Slack afviste SLACK_BOT_TOKEN (${code}). Kopiér "Bot User OAuth Token" (xoxb-…) fra "OAuth & Permissions" på api.slack.com/apps, og tjek at appen er installeret i arbejdsområdet. (Slack rejected SLACK_BOT_TOKEN.)`;
  }
  return `Ledelsesbot kunne ikke få kontakt til Slack: ${code}. Tjek netværket (og SLACK_API_URL, hvis den er sat), og prøv igen. (Could not reach Slack.)`;
}

/** Starts the Slack front end and registers it for delivering daily tips. */
export async function startSlack(deps: SlackDeps, mode: SlackRunMode): Promise<RunningSlack> {
  const { app, receiver, bot } = createSlackApp(deps, mode);
  const finishAnswers = () => Promise.race([bot.answers.idle(), new Promise<void>((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
  try {
    // auth.test: checks the token and learns the bot's own user id (to ignore its own posts).
    await app.init();
  } catch (err) {
    throw new SlackStartError(startProblem(err));
  }
  deps.tipDeliveries.register(SLACK_PLATFORM, createTipDelivery(app.client));
  deps.personDeliveries?.register(SLACK_PLATFORM, createPersonDelivery(app.client));
  deps.hr?.register(SLACK_PLATFORM, createSlackHrFrontEnd(app.client));

  if (receiver) {
    const host = deps.config.HOST;
    const server = (await receiver.start(host ? { port: deps.config.PORT, host } : { port: deps.config.PORT })) as Server;
    const { port } = server.address() as AddressInfo;
    const shownHost = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
    const url = `http://${shownHost}:${port}${EVENTS_PATH}`;
    const stop = async () => {
      await receiver.stop();
      await finishAnswers();
    };
    return { name: 'Slack (HTTP)', address: url, url, port, app, stop };
  }

  try {
    await app.start();
  } catch (err) {
    throw new SlackStartError(
      `Socket Mode kunne ikke forbinde til Slack (${describeError(err)}). Tjek SLACK_APP_TOKEN (xapp-…, med scopet connections:write) og at Socket Mode er slået til under "Socket Mode" på api.slack.com/apps.`,
    );
  }
  const stop = async () => {
    await app.stop();
    await finishAnswers();
  };
  return { name: 'Slack (Socket Mode)', address: 'forbundet til Slack — ingen offentlig adresse', app, stop };
}
