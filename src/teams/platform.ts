// How Teams presents itself to the core: its platform name, what it can do, and the sentences
// only Teams can say.

import type { Capabilities, MessageContext } from '../bot/context.ts';

export const TEAMS_PLATFORM = 'teams';

export const TEAMS_CAPABILITIES: Capabilities = { tipSubscriptions: true, questionChannels: false, forms: true, knowsName: true };

/** The core's context for a message in a Teams conversation. */
export function teamsContext(conversation: string, options: { group: boolean; botName: string; address?: unknown }): MessageContext {
  return {
    platform: TEAMS_PLATFORM,
    conversation,
    direct: !options.group,
    commandPrefix: '',
    capabilities: TEAMS_CAPABILITIES,
    ...(options.address !== undefined ? { address: options.address } : {}),
    wording: {
      noQuestionChannels: {
        title: 'Spørgsmål i kanaler',
        text: `I Teams skal der ikke slås noget til: nævn @${options.botName} i en kanal eller gruppechat, så svarer jeg. I en chat med mig kan du bare skrive dit spørgsmål.`,
      },
    },
  };
}
