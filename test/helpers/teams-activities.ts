// Bot Framework activities as Teams sends them, for POSTing to /api/messages in tests.

export const BOT = { id: '28:ledelsesbot-app-id', name: 'Ledelsesbot' };
export const USER = { id: '29:1a2b3c-user', name: 'Hanne Hansen', aadObjectId: '00000000-0000-0000-0000-0000000000aa' };
export const TENANT = 'tenant-kommune';

export const PERSONAL = 'a:1personal-chat-with-hanne';
export const CHANNEL = '19:budget-ledere@thread.tacv2';
export const GROUP = '19:meeting-group-chat@thread.v2';

let seq = 1000;
const nextId = () => String(++seq);

function base(serviceUrl: string, conversation: Record<string, unknown>) {
  return {
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: USER,
    recipient: BOT,
    conversation: { tenantId: TENANT, ...conversation },
    channelData: { tenant: { id: TENANT } },
    locale: 'da-DK',
  };
}

export function personalMessage(serviceUrl: string, text: string, extra: Record<string, unknown> = {}) {
  return { ...base(serviceUrl, { id: PERSONAL, conversationType: 'personal' }), type: 'message', text, textFormat: 'plain', ...extra };
}

/** A message in a channel thread that @mentions the bot, as Teams sends it. */
export function channelMention(serviceUrl: string, text: string, { threadRoot = '1712000000001' } = {}) {
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl, { id: `${CHANNEL};messageid=${threadRoot}`, conversationType: 'channel', isGroup: true, name: 'Budget 2025' }),
    type: 'message',
    text: `${mentionText} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', mentioned: BOT, text: mentionText }],
    channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } },
  };
}

/** A message in a channel that does not mention the bot. */
export function channelChatter(serviceUrl: string, text: string) {
  return {
    ...base(serviceUrl, { id: `${CHANNEL};messageid=1712000000009`, conversationType: 'channel', isGroup: true }),
    type: 'message',
    text,
    channelData: { tenant: { id: TENANT }, channel: { id: CHANNEL } },
  };
}

export function groupMention(serviceUrl: string, text: string) {
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl, { id: GROUP, conversationType: 'groupChat', isGroup: true }),
    type: 'message',
    text: `${mentionText} ${text}`,
    entities: [{ type: 'mention', mentioned: BOT, text: mentionText }],
  };
}

export function botAddedToTeam(serviceUrl: string) {
  return {
    ...base(serviceUrl, { id: CHANNEL, conversationType: 'channel', isGroup: true }),
    type: 'conversationUpdate',
    membersAdded: [BOT],
    channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, eventType: 'teamMemberAdded' },
  };
}

export function installed(serviceUrl: string, conversationId = PERSONAL, conversationType = 'personal') {
  return { ...base(serviceUrl, { id: conversationId, conversationType }), type: 'installationUpdate', action: 'add' };
}

export function uninstalled(serviceUrl: string, conversationId = PERSONAL, conversationType = 'personal') {
  return { ...base(serviceUrl, { id: conversationId, conversationType }), type: 'installationUpdate', action: 'remove' };
}

/** A press on an Action.Execute button: invoke "adaptiveCard/action". */
export function cardActionInvoke(serviceUrl: string, data: unknown, replyToId: string, conversationId = PERSONAL) {
  return {
    ...base(serviceUrl, { id: conversationId, conversationType: 'personal' }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb: 'feedback', data }, trigger: 'manual' },
  };
}

/** A press on an Action.Submit button: a message with the button's data as value. */
export function submitMessage(serviceUrl: string, value: unknown, replyToId: string) {
  return { ...base(serviceUrl, { id: PERSONAL, conversationType: 'personal' }), type: 'message', replyToId, value };
}

export async function postActivity(url: string, activity: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}
