// The Teams bot: the Teams SDK's App with our handlers, on an HTTP endpoint whose address we
// choose. Two modes, decided by CLIENT_ID:
//
//  - With CLIENT_ID (and CLIENT_SECRET, TENANT_ID): every activity must carry a valid Bot
//    Framework token, checked by the SDK; anything else gets 401 and causes no outgoing call.
//  - Without: authentication is skipped so Microsoft 365 Agents Playground can talk to the bot,
//    and therefore the endpoint listens on 127.0.0.1 only and answers only activities whose
//    serviceUrl is on this machine. An unauthenticated bot reachable from the network would
//    post to any serviceUrl it is given.

import { Client, type CloudEnvironment, type ConversationReference, type IMessageActivityInput, type SentActivity } from '@microsoft/teams.api';
import { App } from '@microsoft/teams.apps';
import type { Interceptor } from '@microsoft/teams.common';
import type { Logger } from '../app.ts';
import type { Conversation } from '../bot/conversation.ts';
import type { Reply } from '../bot/reply.ts';
import { serveHealth, type ReadinessProbe } from '../health.ts';
import type { Config } from '../config.ts';
import { errorMessage } from '../shared/errors.ts';
import { isLoopbackHost } from '../shared/loopback.ts';
import type { TipDeliver } from '../tips/delivery.ts';
import type { PersonDeliver } from '../brief/delivery.ts';
import { PeopleDirectory } from './people.ts';
import { renderReplyCards } from './cards.ts';
import { isConversationRef, toSdkReference, type AddressBook, type TeamsConversationRef } from './conversation-refs.ts';
import { registerHandlers } from './handlers/index.ts';
import { cardMessage } from './handlers/turn.ts';
import { NodeHttpAdapter, type ActivityGuard } from './http-adapter.ts';
import { SdkLogger } from './sdk-logger.ts';
import { SentCards } from './sent-cards.ts';
import { createTipDeliver, deliveryResultForError } from './tip-delivery.ts';
import type { HrFrontEnd } from '../hr/front-ends.ts';
import { createTeamsHrFrontEnd } from './hr.ts';

export const MESSAGING_ENDPOINT = '/api/messages';
/** Without Teams credentials the endpoint is for this machine only. */
export const LOCAL_HOST = '127.0.0.1';
/** Bot Connector calls that hang are given up after this long. */
const CONNECTOR_TIMEOUT_MS = 15_000;

export interface TeamsBotOptions {
  /** Defaults to TEAMS_PORT; 0 picks a free port (tests). */
  port?: number;
  /** Only used with credentials; defaults to TEAMS_HOST, else all interfaces. */
  host?: string;
  /** Another Microsoft cloud (or, in tests, a local stand-in for its token and key endpoints). */
  cloud?: CloudEnvironment;
  /** Fetches the bot's outgoing token instead of Entra ID (tests; a custom token service). */
  botToken?: (scope: string | string[], tenantId?: string) => string | Promise<string>;
  log?: Logger;
}

export interface TeamsBot {
  /** True when CLIENT_ID is set and incoming activities must carry a Bot Framework token. */
  readonly authenticated: boolean;
  start(): Promise<{ host: string; port: number; url: string }>;
  stop(): Promise<void>;
  /** Posts a Reply into a remembered conversation, without being addressed (tips). */
  sendReply(ref: TeamsConversationRef, reply: Reply): Promise<SentActivity[]>;
  /** For the tip core's deliveries, registered under the Teams platform. */
  readonly deliverTip: TipDeliver;
  /** For brief and backbrief: a Reply to one person, in their personal chat with the bot. */
  readonly deliverToPerson: PersonDeliver;
  /** For "Spørg HR": posting and updating cards in the HR channel, and answers to leaders. */
  readonly hrFrontEnd: HrFrontEnd;
}

/** Exposes the SDK's sender so proactive messages go to the serviceUrl of the stored reference. */
class LedelsesbotApp extends App {
  sendTo(ref: ConversationReference, activity: IMessageActivityInput): Promise<SentActivity> {
    return this.activitySender.send(activity, ref);
  }

  /**
   * Opens (or finds) the personal chat between the bot and a person, on the service URL and
   * tenant of a conversation the bot knows, and returns its reference.
   */
  async personalChat(via: TeamsConversationRef, user: string): Promise<ConversationReference> {
    const api = new Client(via.serviceUrl, this.client.clone({ token: () => this.getBotToken() }));
    const created = await api.conversations.create({
      isGroup: false,
      bot: { id: via.botId, role: 'bot', ...(via.botName ? { name: via.botName } : {}) },
      members: [{ id: user, role: 'user', name: '' }],
      ...(via.tenantId ? { tenantId: via.tenantId, channelData: { tenant: { id: via.tenantId } } } : {}),
    });
    const base = toSdkReference(via);
    const conversation: Record<string, unknown> = { id: created.id, conversationType: 'personal' };
    if (via.tenantId) conversation.tenantId = via.tenantId;
    return { ...base, conversation: conversation as unknown as ConversationReference['conversation'] };
  }
}

/**
 * Without credentials the SDK has no token and still sends "Authorization: Bearer null";
 * leave the header out instead.
 */
const withoutEmptyBearer: Interceptor = {
  request: ({ config }) => {
    const auth = config.headers.get('Authorization');
    if (typeof auth === 'string' && /^Bearer\s*(null|undefined)?\s*$/.test(auth)) config.headers.delete('Authorization');
    return config;
  },
  error: ({ error }) => Promise.reject(error),
};

function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const { protocol, hostname } = new URL(value);
    return (protocol === 'http:' || protocol === 'https:') && isLoopbackHost(hostname);
  } catch {
    return false;
  }
}

/**
 * Without credentials, only a local tool (Agents Playground) is answered: the request must be
 * addressed to this machine by name (a web page that rebinds its own name to 127.0.0.1 still
 * sends its own Host), and the replies must go to this machine.
 */
const localOnly: ActivityGuard = (activity, headers) => {
  if (!isLoopbackUrl(`http://${headers.host ?? ''}/`)) {
    return 'Uden Teams-login (CLIENT_ID) tager Ledelsesbot kun imod beskeder sendt til 127.0.0.1 eller localhost.';
  }
  if (!isLoopbackUrl(activity.serviceUrl)) {
    return 'Uden Teams-login (CLIENT_ID) svarer Ledelsesbot kun aktiviteter med en serviceUrl på denne maskine (localhost).';
  }
  return undefined;
};

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** What the Teams front end uses from the app. */
export interface TeamsDeps {
  config: Pick<Config, 'CLIENT_ID' | 'CLIENT_SECRET' | 'TENANT_ID' | 'TEAMS_PORT' | 'TEAMS_HOST' | 'SHUTDOWN_TIMEOUT'>;
  conversation: Conversation;
  /** Where conversation references are kept, for posting tips later. */
  addresses: AddressBook;
  /** Answers /readyz on the Teams port. */
  readiness: ReadinessProbe;
  log: Logger;
}

export function createTeamsBot(deps: TeamsDeps, options: TeamsBotOptions = {}): TeamsBot {
  const { config, addresses, conversation } = deps;
  const log = options.log ?? deps.log;
  const authenticated = Boolean(config.CLIENT_ID);
  const sentCards = new SentCards();
  const people = new PeopleDirectory();

  const adapter = new NodeHttpAdapter(
    authenticated ? undefined : localOnly,
    (err) => log.error(`Teams: fejl i endepunktet: ${errorMessage(err)}`),
    (req, res) => serveHealth(req, res, deps.readiness),
  );
  const app = new LedelsesbotApp({
    // Empty strings, not undefined: the SDK would otherwise read CLIENT_ID etc. from
    // process.env itself, and our settings (config.ts) must be the only source.
    clientId: config.CLIENT_ID ?? '',
    clientSecret: config.CLIENT_SECRET ?? '',
    tenantId: config.TENANT_ID ?? '',
    ...(options.botToken ? { token: options.botToken } : {}),
    ...(options.cloud ? { cloud: options.cloud } : {}),
    httpServerAdapter: adapter,
    messagingEndpoint: MESSAGING_ENDPOINT,
    dangerouslyAllowUnauthenticatedRequests: !authenticated,
    logger: new SdkLogger(log),
    client: { timeout: CONNECTOR_TIMEOUT_MS, interceptors: [withoutEmptyBearer] },
  });
  registerHandlers(app, { conversation, addresses, sentCards, log, people });

  const sendReply = async (ref: TeamsConversationRef, reply: Reply): Promise<SentActivity[]> => {
    const sdkRef = toSdkReference(ref);
    const sent: SentActivity[] = [];
    for (const rendered of renderReplyCards(reply, { nameOf: (id) => people.name(id) })) {
      const result = await app.sendTo(sdkRef, cardMessage(rendered.card, rendered.summary));
      if (rendered.hasFeedback && result.id) sentCards.remember(ref.conversationId, result.id, rendered.card);
      sent.push(result);
    }
    return sent;
  };

  return {
    authenticated,
    async start() {
      const port = options.port ?? config.TEAMS_PORT;
      const host = authenticated ? (options.host ?? config.TEAMS_HOST) : LOCAL_HOST;
      await app.initialize();
      const address = await adapter.listen(port, host);
      const shownHost = host ?? 'localhost';
      return { host: address.address, port: address.port, url: `http://${formatHost(shownHost)}:${address.port}${MESSAGING_ENDPOINT}` };
    },
    stop: () => adapter.stop(config.SHUTDOWN_TIMEOUT * 1000),
    sendReply,
    deliverTip: createTipDeliver(addresses, sendReply),
    async deliverToPerson(person, reply) {
      if (!isConversationRef(person.address)) {
        return { ok: false, pause: { code: 'conversation-unknown', reason: 'Ledelsesbot ved ikke, hvor i Teams personen kan nås. Giv briefet igen fra en chat med Ledelsesbot.' } };
      }
      try {
        const ref = await app.personalChat(person.address, person.user);
        for (const rendered of renderReplyCards(reply, { nameOf: (id) => people.name(id) })) await app.sendTo(ref, cardMessage(rendered.card, rendered.summary));
        return { ok: true };
      } catch (err) {
        const result = deliveryResultForError(err);
        if (!result.ok && 'pause' in result && result.pause.code !== 'ConversationBlockedByUser') {
          return { ok: false, pause: { code: result.pause.code, reason: 'Personen kan ikke nås i Teams (måske uden for organisationen, eller appen er ikke installeret hos personen).' } };
        }
        return result;
      }
    },
    hrFrontEnd: createTeamsHrFrontEnd({
      async send(ref, reply) {
        const sent = await sendReply(ref, reply);
        return sent[0]?.id;
      },
      async update(ref, activityId, reply) {
        // One card: a question's card is far below Teams' size limit.
        const [rendered] = renderReplyCards(reply);
        if (rendered) await app.sendTo(toSdkReference(ref), { ...cardMessage(rendered.card, rendered.summary), id: activityId } as IMessageActivityInput);
      },
    }),
  };
}
