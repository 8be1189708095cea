// The contract between the daily-tip core (src/tips) and the front ends that deliver tips.
// The core decides what and when; a front end only delivers a Reply to a conversation.

import type { Intent } from '../bot/intent.ts';
import type { Reply } from '../bot/reply.ts';

export type TipPlatform = 'slack' | 'teams';

export interface TipSubscription {
  /** "slack:C123" or "teams:<conversation id>" */
  key: string;
  platform: TipPlatform;
  /** Slack channel id, or Teams conversation id. */
  channel: string;
  /** Copenhagen time of day, "HH:MM". */
  time: string;
  status: 'active' | 'paused';
  /** Why a subscription is paused, in Danish, shown by "tip status". */
  pausedReason?: string;
  /** Where it came from: a command in the channel, or TIP_CHANNELS. */
  origin: 'command' | 'env';
  /** Teams: the stored conversation reference needed to send proactively. */
  conversationRef?: unknown;
}

export type DeliveryResult =
  | { ok: true }
  /** Rate limited: try again after this many seconds (Slack's Retry-After). */
  | { ok: false; retryAfterSeconds: number }
  /** The channel cannot take posts (channel_not_found, not_in_channel, is_archived): pause it. */
  | { ok: false; pause: string }
  /** Anything else: logged; the claim stays, so nothing is posted twice. */
  | { ok: false; error: string };

export type TipDeliver = (subscription: TipSubscription, reply: Reply) => Promise<DeliveryResult>;

export interface TipCommandContext {
  platform: TipPlatform;
  channel: string;
  /** Teams: the conversation reference, kept for proactive messages. */
  conversationRef?: unknown;
  /** "/ledelse " in Slack, "" in Teams. */
  commandPrefix?: string;
}

/** What front ends use. Implemented in src/tips/service.ts. */
export interface TipService {
  /** Handles tip-subscribe, tip-unsubscribe and tip-status intents; returns the reply to show. */
  handleCommand(intent: Extract<Intent, { type: 'tip-subscribe' | 'tip-unsubscribe' | 'tip-status' }>, ctx: TipCommandContext): Promise<Reply>;
  /** A front end registers how it delivers tips on its platform. */
  registerDelivery(platform: TipPlatform, deliver: TipDeliver): void;
  /** Today's tip (the same for everyone on a day), for App Home and the local page. */
  todaysTip(now?: Date): Reply;
  /** Starts the schedule; catches up a missed tip of today before the cut-off. */
  start(): Promise<void>;
  stop(): void;
}
