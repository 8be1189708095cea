// Listeners grouped by kind, each kind registering its own (as in Slack's bolt-ts-starter-template).

import type { App } from '@slack/bolt';
import type { SlackBot } from '../bot.ts';
import * as actions from './actions/index.ts';
import * as brief from './brief/index.ts';
import * as commands from './commands/index.ts';
import * as events from './events/index.ts';
import * as views from './views/index.ts';

export function registerListeners(app: App, bot: SlackBot): void {
  // Every request counts as "busy": queued answers wait for a quiet moment (answer-queue.ts).
  app.use(async function noteRequest({ next }) {
    bot.answers.noteArrival();
    await next();
  });
  commands.register(app, bot);
  events.register(app, bot);
  actions.register(app, bot);
  brief.register(app, bot);
  views.register(app, bot);
}
