// Brief and backbrief (Stephen Bungay): what is kept of a brief, and the limits on it.
// Only what the feature needs: the platform's user ids of the author and the recipients, the
// texts they wrote, and dates. No names, no e-mail addresses, no channel content.

import type { Platform } from '../store/store.ts';

/** Longest intent, frame or backbrief answer. Fits a Slack section (3000) and a Teams card with room. */
export const MAX_TEXT = 2000;
/** Most recipients of one brief. */
export const MAX_RECIPIENTS = 20;
/** Longest platform user id we accept (Slack U…/W…, Teams 29:…, a name on the local page). */
export const MAX_USER_ID = 200;

export interface Backbrief {
  /** "Sådan har jeg forstået hensigten" */
  understood: string;
  /** "Det vil jeg gøre" */
  plan: string;
  /** "Det har jeg brug for / det er jeg i tvivl om" (may be empty). */
  needs: string;
  /** When it was given, ISO. */
  at: string;
}

export interface Recipient {
  /** The platform's user id. */
  user: string;
  /** Whether the brief reached the person: pending until the platform answered. */
  delivery: 'pending' | 'delivered' | 'failed';
  /** Why it did not reach the person, in Danish (the front end's words). */
  failure?: string;
  backbrief?: Backbrief;
}

export interface Brief {
  /** Random, unguessable: it is carried on buttons. */
  id: string;
  platform: Platform;
  /** The author's platform user id. */
  author: string;
  recipients: Recipient[];
  /** Hensigt: what is to be achieved and why. */
  intent: string;
  /** Rammer: resources, limits, what must not happen. */
  frame: string;
  /** Frist: a Copenhagen calendar day, YYYY-MM-DD. */
  deadline: string;
  /** The situation it concerns (data/situations.json id), when the author chose one. */
  situation?: string;
  createdAt: string;
  status: 'open' | 'closed';
  closedAt?: string;
  /**
   * What the front end needs to reach the people later (Teams: service URL and tenant of the
   * conversation the brief was given in). Opaque to the core; never a person's data.
   */
  address?: unknown;
}

/** "2 af 3 har givet backbrief" */
export function answeredCount(brief: Pick<Brief, 'recipients'>): { answered: number; total: number } {
  return { answered: brief.recipients.filter((r) => r.backbrief).length, total: brief.recipients.length };
}
