// The Teams front end: starts the bot endpoint (POST /api/messages on TEAMS_PORT) and gives
// the tip core its way of delivering tips in Teams.

import type { AppDeps, RunningFrontEnd } from '../app.ts';
import { createTeamsBot, type TeamsBot, type TeamsBotOptions } from './bot.ts';

export { createTeamsBot, LOCAL_HOST, MESSAGING_ENDPOINT, type TeamsBot, type TeamsBotOptions } from './bot.ts';
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

export async function startTeams(deps: AppDeps, options: TeamsBotOptions = {}): Promise<RunningTeams> {
  const bot = createTeamsBot(deps, options);
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
  deps.tips.registerDelivery('teams', bot.deliverTip);
  const mode = bot.authenticated ? 'med Bot Framework-login' : 'kun lokalt og uden login, til Microsoft 365 Agents Playground';
  return {
    name: 'Teams',
    address: `${where.url} (${mode})`,
    ...where,
    bot,
    stop: () => bot.stop(),
  };
}
