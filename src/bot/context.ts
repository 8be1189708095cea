// What a front end tells the core about where a message came from, and the ports through which
// the core reaches parts it does not own (the daily tip's commands).

import type { Platform } from '../store/store.ts';
import type { ActionRequest } from './actions.ts';
import type { Intent } from './intent.ts';
import type { Reply } from './reply.ts';

/** What this platform can do; the core only offers what the platform has. */
export interface Capabilities {
  /** A conversation can subscribe to the daily tip ("tip abonner 08:30"). */
  tipSubscriptions: boolean;
  /** A channel can be switched to answer every new message ("kanal spørgsmål til"). */
  questionChannels: boolean;
  /** The platform can show a form and hand its submission back (for multi-step conversations). */
  forms: boolean;
  /** The platform knows the person's name, so a question to HR can carry it without asking. */
  knowsName?: boolean;
}

/** A title and a Danish paragraph. */
export interface Notice {
  title: string;
  text: string;
}

/**
 * Sentences only the front end can say, because they name its platform or its way of addressing
 * the bot. The core puts them where they belong; without them it says something general.
 */
export interface PlatformWording {
  /** Instead of a tip subscription, where there are none. */
  noTipSubscriptions?: Notice;
  /** Instead of switching a question channel, where there are none. */
  noQuestionChannels?: Notice;
  /** After "spørgsmålskanal slået til": what the bot needs to see the channel's messages. */
  questionChannelReach?: string;
  /** How to ask when the bot is not listening by itself ("Nævn @Ledelsesbot eller brug /ledelse"). */
  howToAsk?: string;
  /** Where HR's answer will arrive, after a question is sent to HR ("Svaret kommer her i tråden."). */
  hrAnswerArrives?: string;
  /** Instead of "hr kanal til", where the HR channel is set up another way (Slack's HR_CHANNEL). */
  hrChannelSetup?: Notice;
}

export interface MessageContext {
  platform: Platform;
  /** The channel or conversation; absent where there is none (the local page, the terminal). */
  conversation?: string;
  /** A conversation with the bot alone, where there is no channel to configure. */
  direct?: boolean;
  /** "/ledelse " in Slack, "" where people just write the word. */
  commandPrefix: string;
  capabilities: Capabilities;
  /** What the front end needs to post here later; kept with a tip subscription, never read. */
  address?: unknown;
  wording?: PlatformWording;
  /** The platform's id of the person who wrote or clicked (brief and backbrief need it). */
  user?: string;
  /**
   * People the front end can offer in a people field where the platform has no picker of its
   * own (Teams: those mentioned). Names are for the form only; the core never stores them.
   */
  people?: ReadonlyArray<{ id: string; name: string }>;
}

export type TipCommand = Extract<Intent, { type: 'tip-subscribe' | 'tip-unsubscribe' | 'tip-status' }>;

export interface TipCommandTarget {
  platform: Platform;
  /** The channel or conversation; absent where a subscription is impossible. */
  channel?: string;
  address?: unknown;
  commandPrefix: string;
}

/** The daily tip's commands, implemented in src/tips/commands.ts. */
export interface TipCommandHandler {
  handle(command: TipCommand, target: TipCommandTarget): Promise<Reply>;
}

export type BriefCommand = Extract<Intent, { type: 'brief' | 'brief-status' }>;
export type BriefRequest = Extract<ActionRequest, { type: 'open-form' | 'submit' | 'brief-close' | 'brief-status' }>;

/** Brief and backbrief, implemented in src/brief (so src/bot does not depend on it). */
export interface BriefHandler {
  command(command: BriefCommand, ctx: MessageContext): Promise<Reply>;
  act(request: BriefRequest, ctx: MessageContext): Promise<Reply>;
}
