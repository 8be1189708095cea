// The contract between "Spørg HR" and the front ends. The core decides what is posted and when;
// a front end posts a Reply into an HR channel, updates its post, or delivers HR's answer to
// the leader, and says in a typed result how it went, worded for its own platform.

import type { Reply } from '../bot/reply.ts';
import { ByPlatform } from '../shared/by-platform.ts';
import type { Platform } from '../store/store.ts';

export type HrSendResult =
  | { ok: true; ref?: unknown }
  /** Delivered later: the person fetches it (the local page, the next time it is opened). */
  | { ok: true; waiting: true }
  /**
   * Not delivered. `gone`: the conversation will never take it (left the workspace, archived,
   * app removed). `note`: why, in Danish, for HR's view.
   */
  | { ok: false; gone: boolean; note: string };

/** An HR channel to post into: its platform and id, and what the front end needs to reach it. */
export interface HrDeskTarget {
  platform: Platform;
  channel: string;
  address?: unknown;
}

export interface HrFrontEnd {
  /** How the platform is named to HR ("Slack", "Teams", "den lokale side"). */
  label: string;
  /** Posts into an HR channel (a question, the weekly summary). Absent: the platform has no HR channels. */
  postToDesk?(desk: HrDeskTarget, reply: Reply): Promise<HrSendResult>;
  /** Replaces an earlier post (the question, now answered or closed). */
  updateDeskPost?(desk: HrDeskTarget, ref: unknown, reply: Reply): Promise<HrSendResult>;
  /** Delivers HR's answer (or note) to the leader, where the question came from. */
  deliverToAsker(asker: unknown, reply: Reply): Promise<HrSendResult>;
  /**
   * The platform shows HR every open question itself (the local page's /hr), so a question
   * from it always reaches HR.
   */
  listsQuestions?: boolean;
}

/** The front ends "Spørg HR" can use in this run, by platform. */
export class HrFrontEnds extends ByPlatform<HrFrontEnd> {
  label(platform: Platform): string {
    return this.get(platform)?.label ?? platform;
  }
}
