import type { App } from '@slack/bolt';
import type { SlackBot } from '../../bot.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { appMention } from './app-mention.ts';
import { directMessage } from './direct-message.ts';
import { questionChannelMessage } from './question-channel.ts';

export function register(app: App, bot: SlackBot): void {
  app.event('app_mention', appMention(bot));
  app.event('message', directMessage(bot));
  app.event('message', questionChannelMessage(bot));
  app.event('app_home_opened', appHomeOpened(bot));
}
