// The Teams front end: starts the bot endpoint (POST /api/messages on TEAMS_PORT) and gives
// the tip core its way of delivering tips in Teams.

import type { RunningFrontEnd } from '../app.ts';
import type { Store } from '../store/store.ts';
import type { TipDeliveries } from '../tips/delivery.ts';
import type { PersonDeliveries } from '../brief/delivery.ts';
import type { HrFrontEnds } from '../hr/front-ends.ts';
import { createTeamsBot, type TeamsBot, type TeamsBotOptions, type TeamsDeps } from './bot.ts';
import { adoptOlderReferences } from './conversation-refs.ts';
import { TEAMS_PLATFORM } from './platform.ts';

export { createTeamsBot, LOCAL_HOST, MESSAGING_ENDPOINT, type TeamsBot, type TeamsBotOptions, type TeamsDeps } from './bot.ts';
export { renderReplyCards, MAX_CARD_BYTES } from './cards.ts';

export interface RunningTeams extends RunningFrontEnd {
  bot: TeamsBot;
  host: string;
  port: number;
  /** The messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  url: string;
}

function isAddressInUse(err: unknown): boolean {
  return (err as { code?: string } | undefined)?.code === 'EADDRINUSE';
}

export interface TeamsStartDeps extends Omit<TeamsDeps, 'addresses'> {
  /** Keeps the conversations' addresses (and holds older ones to adopt). */
  store: Store;
  tipDeliveries: TipDeliveries;
  /** Where brief and backbrief reach people; Teams registers its personal chats here. */
  personDeliveries?: PersonDeliveries;
  /** "Spørg HR": where Teams registers its HR channel posts and answer delivery. */
  hr?: HrFrontEnds;
}

export async function startTeams(deps: TeamsStartDeps, options: TeamsBotOptions = {}): Promise<RunningTeams> {
  await adoptOlderReferences(deps.store);
  const bot = createTeamsBot({ config: deps.config, conversation: deps.conversation, addresses: deps.store, readiness: deps.readiness, log: deps.log }, options);
  let where: { host: string; port: number; url: string };
  try {
    where = await bot.start();
  } catch (err) {
    const port = options.port ?? deps.config.TEAMS_PORT;
    if (isAddressInUse(err)) {
      throw new Error(`Teams-endepunktet kan ikke starte: port ${port} er optaget. Stop det andet program, eller sæt TEAMS_PORT til en ledig port i .env.`);
    }
    throw err;
  }
  deps.tipDeliveries.register(TEAMS_PLATFORM, bot.deliverTip);
  deps.personDeliveries?.register(TEAMS_PLATFORM, bot.deliverToPerson);
  deps.hr?.register(TEAMS_PLATFORM, bot.hrFrontEnd);
  const mode = bot.authenticated ? 'med Bot Framework-login' : 'kun lokalt og uden login, til Microsoft 365 Agents Playground';
  return {
    name: 'Teams',
    address: `${where.url} (${mode})`,
    ...where,
    bot,
    stop: () => bot.stop(),
  };
}
