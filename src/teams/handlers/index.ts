// Registers the Teams listeners, one small handler per kind of activity.

import type { App } from '@microsoft/teams.apps';
import { onCardAction } from './card-action.ts';
import { onConversationUpdate, onInstallationUpdate } from './install.ts';
import { onMessage } from './message.ts';
import type { TeamsKit } from './turn.ts';

export function registerHandlers(app: App, kit: TeamsKit): void {
  app.on('message', onMessage(kit));
  app.on('conversationUpdate', onConversationUpdate(kit));
  app.on('installationUpdate', onInstallationUpdate(kit));
  app.on('card.action', onCardAction(kit));
}

export type { TeamsKit } from './turn.ts';
