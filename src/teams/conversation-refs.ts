// Conversation references: what the bot needs to post into a Teams conversation later (the
// daily tip). Kept in the store's addresses under "teams", by conversation id. Only the
// conversation, tenant, service URL and the bot itself — never who wrote.

import type { Activity, ConversationReference } from '@microsoft/teams.api';
import { copenhagenDay } from '../clock.ts';
import { FileStore, type Store } from '../store/store.ts';
import { TEAMS_PLATFORM } from './platform.ts';

/**
 * What Teams needs to post into a conversation later (a daily tip): the service URL, the
 * conversation, the tenant and the bot. Never the user's id or name.
 */
export interface TeamsConversationRef {
  serviceUrl: string;
  conversationId: string;
  /** "personal", "groupChat" or "channel" */
  conversationType?: string;
  tenantId?: string;
  botId: string;
  botName?: string;
  /** Day the reference was last confirmed, YYYY-MM-DD. */
  updated: string;
}

/** The part of the store that keeps addresses. */
export type AddressBook = Pick<Store, 'address' | 'rememberAddress' | 'forgetAddress'>;

/**
 * A channel thread's conversation id is "<channel id>;messageid=<root>". Tips go to the
 * channel itself, as a new post, so references and subscriptions use the part before ";".
 */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';')[0]!;
}

/** The reference for the conversation an activity came from, or undefined if it lacks one. */
export function referenceFromActivity(activity: Activity, now = new Date()): TeamsConversationRef | undefined {
  const serviceUrl = activity.serviceUrl;
  const conversation = activity.conversation;
  const bot = activity.recipient;
  if (!serviceUrl || !conversation?.id || !bot?.id) return undefined;
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const ref: TeamsConversationRef = {
    serviceUrl: serviceUrl.replace(/\/+$/, ''),
    conversationId: baseConversationId(conversation.id),
    botId: bot.id,
    updated: copenhagenDay(now),
  };
  const type = conversation.conversationType as string | undefined;
  if (type) ref.conversationType = type;
  const tenantId = conversation.tenantId ?? channelData?.tenant?.id;
  if (tenantId) ref.tenantId = tenantId;
  if (bot.name) ref.botName = bot.name;
  return ref;
}

/** Narrows a stored value (kept opaque by the store and the tip core) to a reference. */
export function isConversationRef(value: unknown): value is TeamsConversationRef {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.serviceUrl === 'string' && typeof v.conversationId === 'string' && typeof v.botId === 'string';
}

/** Remembers (or refreshes) a conversation's reference; writes only when something changed. */
export async function rememberConversation(addresses: AddressBook, ref: TeamsConversationRef): Promise<void> {
  await addresses.rememberAddress(TEAMS_PLATFORM, ref.conversationId, ref);
}

export async function forgetConversation(addresses: AddressBook, conversationId: string): Promise<void> {
  await addresses.forgetAddress(TEAMS_PLATFORM, baseConversationId(conversationId));
}

export async function storedConversation(addresses: AddressBook, conversationId: string): Promise<TeamsConversationRef | undefined> {
  const stored = await addresses.address(TEAMS_PLATFORM, baseConversationId(conversationId));
  return isConversationRef(stored) ? stored : undefined;
}

/**
 * A DB file from before addresses were kept by platform has them under "teamsConversations".
 * Named here, by the front end that wrote them: moved into the addresses when the file is
 * opened, and by `ledelse migrate-state` when a file moves to PostgreSQL.
 */
export const OLDER_REFERENCES: Readonly<Record<string, string>> = { teamsConversations: TEAMS_PLATFORM };

/** Moves the older references of a DB file into the addresses, once, so tips there keep working. */
export async function adoptOlderReferences(store: Store): Promise<void> {
  // Only a file can be that old; PostgreSQL got its state from migrate-state, which moves them too.
  if (store instanceof FileStore) await store.adoptOlderAddresses(OLDER_REFERENCES);
}

/** The SDK's reference for sending to a stored conversation. */
export function toSdkReference(ref: TeamsConversationRef): ConversationReference {
  const conversation: Record<string, unknown> = { id: ref.conversationId };
  if (ref.conversationType) conversation.conversationType = ref.conversationType;
  if (ref.tenantId) conversation.tenantId = ref.tenantId;
  return {
    channelId: 'msteams',
    serviceUrl: ref.serviceUrl,
    bot: { id: ref.botId, role: 'bot', ...(ref.botName ? { name: ref.botName } : {}) },
    conversation: conversation as unknown as ConversationReference['conversation'],
  };
}
