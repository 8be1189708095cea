// The contract between the daily-tip core (src/tips) and the front ends that deliver tips.
// The core decides what and when; a front end only delivers a Reply to a conversation and says,
// in a typed outcome, what its platform answered. Each front end words its own platform's
// problems; the core only acts on the kind of outcome.

import type { Reply } from '../bot/reply.ts';
import { ByPlatform } from '../shared/by-platform.ts';
import type { Platform } from '../store/store.ts';

export interface TipSubscription {
  /** "<platform>:<channel>" */
  key: string;
  platform: Platform;
  /** The platform's id for the channel or conversation. */
  channel: string;
  /** Copenhagen time of day, "HH:MM". */
  time: string;
  status: 'active' | 'paused';
  /** Why a subscription is paused, in Danish, shown by "tip status". */
  pausedReason?: string;
  /** Where it came from: a command in the channel, or TIP_CHANNELS. */
  origin: 'command' | 'env';
  /** What the front end needs to post here later, kept for it as it gave it (opaque to the core). */
  conversationRef?: unknown;
}

/** Why a channel cannot take posts until someone acts. */
export interface DeliveryPause {
  /** A short code for the log ("not_in_channel", "http-403"). */
  code: string;
  /** A Danish sentence for "tip status", written by the front end for its own platform. */
  reason: string;
}

export type DeliveryResult =
  | { ok: true }
  /** Rate limited: try again after this many seconds (the platform's Retry-After). */
  | { ok: false; retryAfterSeconds: number }
  /** The channel cannot take posts: pause it. */
  | { ok: false; pause: DeliveryPause }
  /** Anything else: logged as a short code; the claim stays, so nothing is posted twice. */
  | { ok: false; error: string };

export type TipDeliver = (subscription: TipSubscription, reply: Reply) => Promise<DeliveryResult>;

/** How each platform delivers tips. Front ends register here as they start. */
export class TipDeliveries extends ByPlatform<TipDeliver> {}
