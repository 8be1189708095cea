// How Slack presents itself to the core: its platform name, what it can do, and the sentences
// only Slack can say (how to invite the bot, how to address it).

import type { Capabilities, MessageContext } from '../bot/context.ts';

export const SLACK_PLATFORM = 'slack';

export const COMMAND_PREFIX = '/ledelse ';

export const SLACK_CAPABILITIES: Capabilities = { tipSubscriptions: true, questionChannels: true, forms: true, knowsName: true };

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
      hrChannelSetup: {
        title: 'HR-kanalen i Slack',
        text: 'I Slack vælges HR-kanalen i opsætningen: sæt HR_CHANNEL i .env til kanalens id, og inviter Ledelsesbot til kanalen (/invite @Ledelsesbot). Se README, afsnittet "Spørg HR".',
      },
    },
  };
}

/** Where HR's answer arrives in Slack: in the thread, in the DM, or — for a private answer — as a message from the app. */
export function slackHrContext(channel: string, where: { threadTs?: string | undefined; ephemeral?: boolean | undefined }): MessageContext {
  const ctx = slackContext(channel);
  const arrives = where.ephemeral
    ? 'Svaret kommer som en besked fra Ledelsesbot under Apps.'
    : isDirectMessage(channel)
      ? 'Svaret kommer her i vores samtale, når HR har svaret.'
      : 'Svaret kommer her i tråden, når HR har svaret.';
  return { ...ctx, wording: { ...ctx.wording, hrAnswerArrives: arrives } };
}

/** Help and home, which answer no particular channel. */
export const SLACK_HELP_CONTEXT = { commandPrefix: COMMAND_PREFIX, capabilities: SLACK_CAPABILITIES };
