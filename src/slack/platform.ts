// How Slack presents itself to the core: its platform name, what it can do, and the sentences
// only Slack can say (how to invite the bot, how to address it).

import type { Capabilities, MessageContext } from '../bot/context.ts';

export const SLACK_PLATFORM = 'slack';

export const COMMAND_PREFIX = '/ledelse ';

export const SLACK_CAPABILITIES: Capabilities = { tipSubscriptions: true, questionChannels: true, forms: true };

/** A direct message conversation (D…), where there is no channel to configure. */
export function isDirectMessage(channel: string): boolean {
  return channel.startsWith('D');
}

/** The core's context for a message in a Slack channel or DM. */
export function slackContext(channel: string, user?: string): MessageContext {
  return {
    ...(user ? { user } : {}),
    platform: SLACK_PLATFORM,
    conversation: channel,
    direct: isDirectMessage(channel),
    commandPrefix: COMMAND_PREFIX,
    capabilities: SLACK_CAPABILITIES,
    wording: {
      questionChannelReach: 'Husk at invitere mig til kanalen (/invite @Ledelsesbot), så jeg kan se beskederne.',
      howToAsk: 'Nævn @Ledelsesbot eller brug /ledelse, når du vil spørge om noget.',
    },
  };
}

/** Help and home, which answer no particular channel. */
export const SLACK_HELP_CONTEXT = { commandPrefix: COMMAND_PREFIX, capabilities: SLACK_CAPABILITIES };
