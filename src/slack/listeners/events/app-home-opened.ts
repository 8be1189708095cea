// The Home tab: what the bot is, where its knowledge comes from, today's tip and the commands.

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { sourceLabel } from '../../../bot/reply.ts';
import { renderHome } from '../../blocks.ts';
import type { SlackBot } from '../../bot.ts';
import { SLACK_HELP_CONTEXT, slackContext } from '../../platform.ts';

/** The Home tab for a person: with their briefs when there is a person to show them to. */
export async function homeView(bot: SlackBot, user?: string) {
  const kb = bot.knowledge.current.kb;
  const briefs = user ? await bot.conversation.respond({ type: 'action', action: { type: 'brief-status' } }, slackContext(user, user)) : undefined;
  return renderHome({
    ...(briefs?.type === 'brief' ? { briefs } : {}),
    sources: [...kb.sources.values()].map((s) => sourceLabel(s)),
    statementCount: kb.statements.length,
    tip: bot.todaysTip(),
    commands: bot.conversation.help(SLACK_HELP_CONTEXT).commands ?? [],
  });
}

export function appHomeOpened(bot: SlackBot) {
  return async function publishHome({ event, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> {
    if (event.tab !== 'home') return;
    const user = event.user;
    bot.answers.push(async () => {
      await client.views.publish({ user_id: user, view: await homeView(bot, user) });
    });
  };
}
