import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION } from '../../action-values.ts';
import type { SlackBot } from '../../bot.ts';
import { recordFeedback } from './feedback.ts';
import { hrDismiss, hrOffer, hrOpen, hrRemove } from './hr.ts';
import { shareInChannel } from './share.ts';
import { showCommandResult } from './show-command.ts';

export function register(app: App, bot: SlackBot): void {
  app.action<BlockButtonAction>(ACTION.share, shareInChannel(bot));
  const vote = recordFeedback(bot);
  app.action<BlockButtonAction>(ACTION.feedbackUp, vote);
  app.action<BlockButtonAction>(ACTION.feedbackDown, vote);
  const show = showCommandResult(bot);
  app.action<BlockButtonAction>(ACTION.more, show);
  app.action<BlockButtonAction>(ACTION.page, show);
  app.action<BlockButtonAction>(new RegExp(`^${ACTION.runPrefix}\\d+$`), show);
  app.action<BlockButtonAction>(ACTION.hrOffer, hrOffer(bot));
  app.action<BlockButtonAction>(ACTION.hrOpen, hrOpen(bot));
  app.action<BlockButtonAction>(ACTION.hrDismiss, hrDismiss(bot));
  app.action<BlockButtonAction>(new RegExp(`^${ACTION.hrRemovePrefix}\\d+$`), hrRemove(bot));
}
