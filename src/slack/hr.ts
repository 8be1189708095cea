// "Spørg HR" for Slack: questions are posted in HR_CHANNEL and updated when answered, and HR's
// answer goes back where the question was asked — the thread, the DM, or for a private
// /ledelse answer a message from the app. Slack's error codes are worded here for HR.

import type { webApi } from '@slack/bolt';
import type { Reply } from '../bot/reply.ts';
import type { HrFrontEnd, HrSendResult } from '../hr/front-ends.ts';
import { errorMessage } from '../shared/errors.ts';
import { renderMessage } from './blocks.ts';

/** Where a Slack leader gets HR's answer; kept only until it is delivered. */
export interface SlackAsker {
  channel?: string;
  threadTs?: string;
  /** A private (ephemeral) answer has no conversation to return to: the answer comes from the app. */
  user?: string;
}

/** Slack errors that mean the conversation will never take the answer, in Danish for HR's view. */
const GONE: Readonly<Record<string, string>> = {
  channel_not_found: 'Slack kan ikke finde samtalen (den er slettet, eller Ledelsesbot har ikke længere adgang).',
  is_archived: 'Kanalen er arkiveret.',
  not_in_channel: 'Ledelsesbot er ikke længere med i kanalen.',
  user_not_found: 'Lederen findes ikke længere i Slack.',
  account_inactive: 'Lederens Slack-konto er deaktiveret.',
  user_disabled: 'Lederens Slack-konto er deaktiveret.',
  cannot_dm_bot: 'Samtalen kan ikke modtage beskeder fra Ledelsesbot.',
};

function failure(err: unknown): HrSendResult {
  const code = (err as { data?: { error?: unknown } })?.data?.error;
  if (typeof code === 'string' && GONE[code]) return { ok: false, gone: true, note: GONE[code] };
  return { ok: false, gone: false, note: `Slack svarede: ${typeof code === 'string' ? code : errorMessage(err)}.` };
}

export function isSlackAsker(value: unknown): value is SlackAsker {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.channel === 'string' || typeof v.user === 'string';
}

export function createSlackHrFrontEnd(client: webApi.WebClient): HrFrontEnd {
  const post = async (channel: string, reply: Reply, threadTs?: string): Promise<HrSendResult> => {
    const message = renderMessage(reply);
    try {
      const res = await client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { ok: true, ref: res.ts };
    } catch (err) {
      return failure(err);
    }
  };
  return {
    label: 'Slack',
    postToDesk: (desk, reply) => post(desk.channel, reply),
    async updateDeskPost(desk, ref, reply) {
      if (typeof ref !== 'string') return { ok: false, gone: true, note: 'Beskeden i HR-kanalen kendes ikke.' };
      const message = renderMessage(reply);
      try {
        await client.chat.update({ channel: desk.channel, ts: ref, text: message.text, blocks: message.blocks });
        return { ok: true };
      } catch (err) {
        return failure(err);
      }
    },
    async deliverToAsker(asker, reply) {
      if (!isSlackAsker(asker)) return { ok: false, gone: true, note: 'Ledelsesbot ved ikke længere, hvor spørgsmålet kom fra.' };
      return post((asker.channel ?? asker.user)!, reply, asker.threadTs);
    },
  };
}
