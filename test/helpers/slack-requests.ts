// Requests signed the way Slack signs them: v0= HMAC-SHA256 of "v0:{timestamp}:{body}" with the
// signing secret, in x-slack-signature and x-slack-request-timestamp. Slash commands and button
// clicks are form-encoded (clicks as payload=<json>); events are JSON.

import { createHmac, randomUUID } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SlackRequestOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Sign with another secret (a forged request). */
  secret?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface SlackHttpResponse {
  status: number;
  body: string;
  ms: number;
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(url: string, body: string, contentType: string, options: SlackRequestOptions = {}): Promise<SlackHttpResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(body, timestamp, options.secret),
      ...options.headers,
    },
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}

export interface CommandFields {
  text: string;
  channel_id?: string;
  user_id?: string;
  response_url: string;
}

/** The form body of a slash command, as Slack sends it. */
export function commandBody(fields: CommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'kommunen',
    channel_id: fields.channel_id ?? 'C0LEDERE',
    channel_name: 'ledere',
    user_id: fields.user_id ?? 'U0LEDER1',
    user_name: 'leder',
    command: '/ledelse',
    text: fields.text,
    api_app_id: 'A0LEDELSE',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: `${Date.now()}.1.abc`,
  }).toString();
}

export function sendCommand(url: string, fields: CommandFields, options?: SlackRequestOptions): Promise<SlackHttpResponse> {
  return postSigned(url, commandBody(fields), 'application/x-www-form-urlencoded', options);
}

/** An Events API envelope around `event`. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0LEDELSE',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0001', user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function sendEvent(url: string, envelope: Record<string, unknown>, options?: SlackRequestOptions): Promise<SlackHttpResponse> {
  return postSigned(url, JSON.stringify(envelope), 'application/json', options);
}

let tsCounter = 1_716_000_000;
/** A fresh message timestamp, as Slack writes them. */
export function nextTs(): string {
  return `${++tsCounter}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
}

export interface ButtonClick {
  actionId: string;
  value: string;
  responseUrl: string;
  channel?: string;
  user?: string;
  /** An ephemeral message (a /ledelse answer) has no message in the payload. */
  ephemeral?: boolean;
  /** The clicked message's blocks, for messages that are not ephemeral. */
  message?: { ts: string; text: string; blocks: unknown[] };
}

/** block_actions payload for a button click. */
export function blockActionsPayload(click: ButtonClick): Record<string, unknown> {
  const channel = click.channel ?? 'C0LEDERE';
  const messageTs = click.message?.ts ?? nextTs();
  return {
    type: 'block_actions',
    user: { id: click.user ?? 'U0LEDER1', username: 'leder', name: 'leder', team_id: 'T0001' },
    api_app_id: 'A0LEDELSE',
    token: 'deprecated-verification-token',
    container: click.ephemeral
      ? { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: true }
      : { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: `${Date.now()}.1.def`,
    team: { id: 'T0001', domain: 'kommunen' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'ledere' },
    ...(click.message ? { message: { type: 'message', user: 'UBOT0001', bot_id: 'BBOT0001', ...click.message } } : {}),
    response_url: click.responseUrl,
    actions: [
      {
        action_id: click.actionId,
        block_id: 'ledelse_footer',
        text: { type: 'plain_text', text: 'knap', emoji: true },
        value: click.value,
        type: 'button',
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

export function sendAction(url: string, click: ButtonClick, options?: SlackRequestOptions): Promise<SlackHttpResponse> {
  const body = new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(click)) }).toString();
  return postSigned(url, body, 'application/x-www-form-urlencoded', options);
}

export interface ViewSubmission {
  callbackId?: string;
  privateMetadata: string;
  /**
   * A field name → typed text or chosen option value (HR's modals, one element per block named
   * like the field); or a block id → { action id: element state } as view.state.values holds it
   * (the brief modals).
   */
  values: Record<string, string | Record<string, unknown>>;
  /** Which string fields are choices (sent as selected_option). */
  choices?: string[];
  user?: string;
  userName?: string;
}

/** view_submission payload, as Slack sends it when a modal's submit button is pressed. */
export function viewSubmissionPayload(s: ViewSubmission): Record<string, unknown> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [name, value] of Object.entries(s.values)) {
    values[name] =
      typeof value !== 'string'
        ? value
        : {
            [name]: s.choices?.includes(name)
              ? { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } }
              : { type: 'plain_text_input', value },
          };
  }
  return {
    type: 'view_submission',
    team: { id: 'T0001', domain: 'kommunen' },
    user: { id: s.user ?? 'U0LEDER1', username: s.userName ?? 'leder', name: s.userName ?? 'leder', team_id: 'T0001' },
    api_app_id: 'A0LEDELSE',
    token: 'deprecated-verification-token',
    trigger_id: `${Date.now()}.1.ghi`,
    view: {
      id: 'V0MODAL',
      team_id: 'T0001',
      type: 'modal',
      callback_id: s.callbackId ?? 'ledelse_form',
      private_metadata: s.privateMetadata,
      state: { values },
      hash: '1716000000.abc',
      title: { type: 'plain_text', text: 'Giv et brief' },
      blocks: [],
      app_id: 'A0LEDELSE',
      bot_id: 'BBOT0001',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function sendViewSubmission(url: string, s: ViewSubmission, options?: SlackRequestOptions): Promise<SlackHttpResponse> {
  const body = new URLSearchParams({ payload: JSON.stringify(viewSubmissionPayload(s)) }).toString();
  return postSigned(url, body, 'application/x-www-form-urlencoded', options);
}
