import type { App } from '@slack/bolt';
import type { SlackBot } from '../../bot.ts';
import { ledelseCommand } from './ledelse.ts';

/** The slash command this app answers; its name is also in manifests/slack/manifest.json. */
export const COMMAND = '/ledelse';

export function register(app: App, bot: SlackBot): void {
  app.command(COMMAND, ledelseCommand(bot));
}
