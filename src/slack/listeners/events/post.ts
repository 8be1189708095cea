// Posting an answer as a message (mentions, direct messages, question channels).

import type { webApi } from '@slack/bolt';
import type { Reply } from '../../../bot/reply.ts';
import { renderMessage, type RenderOptions } from '../../blocks.ts';

export async function postReply(
  client: webApi.WebClient,
  where: { channel: string; threadTs?: string | undefined },
  reply: Reply,
  options: RenderOptions = {},
): Promise<void> {
  const message = renderMessage(reply, options);
  await client.chat.postMessage({
    channel: where.channel,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}

/** The fields of a message event the listeners read. */
export interface IncomingMessage {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
}
