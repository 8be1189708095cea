// Modal submissions ("Spørg HR": the leader's form and HR's answer form).

import type { App } from '@slack/bolt';
import { HR_VIEW } from '../../action-values.ts';
import type { SlackBot } from '../../bot.ts';
import { submitHrForm } from './hr.ts';

export function register(app: App, bot: SlackBot): void {
  app.view(HR_VIEW.ask, submitHrForm(bot, 'hr-ask'));
  app.view(HR_VIEW.answer, submitHrForm(bot, 'hr-answer'));
}
