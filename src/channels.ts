// Channel ids in the settings (TIP_CHANNELS, QUESTION_CHANNELS) and in `ledelse tip --channel`:
// which platform an id belongs to and whether it looks right. The one place outside the front
// ends that knows the platforms' id formats, so the core can stay free of them.

import type { Logger } from './app.ts';
import type { Platform } from './store/store.ts';

export interface ChannelSpec {
  platform: Platform;
  channel: string;
  /** "slack:C0123ABCD", "teams:<conversation id>" */
  key: string;
}

/** A bare id is a Slack channel id: that is how TIP_CHANNELS was first documented. */
const DEFAULT_PLATFORM = 'slack';

/**
 * Reads a settings entry or a --channel argument: a Slack channel id ("C0123ABCD", "G…"),
 * optionally written "slack:C0123ABCD", or "teams:<conversation id>".
 */
export function parseChannelSpec(text: string): ChannelSpec | { error: string } {
  const value = text.trim();
  const prefixed = /^(slack|teams):(.+)$/i.exec(value);
  const platform = prefixed?.[1]?.toLowerCase() ?? DEFAULT_PLATFORM;
  const channel = (prefixed?.[2] ?? value).trim();
  if (!channel) return { error: `"${text}" mangler et kanal-id` };
  if (platform === 'slack' && !/^[CGD][A-Z0-9]+$/.test(channel)) {
    return { error: `"${text}" er ikke et Slack-kanal-id (det ser ud som C0123ABCD og står under kanalens detaljer)` };
  }
  return { platform, channel, key: `${platform}:${channel}` };
}

/** The valid entries of a channel list setting; each invalid one is named in the log and skipped. */
export function channelsFromSetting(name: string, entries: readonly string[], log: Logger): ChannelSpec[] {
  const specs = new Map<string, ChannelSpec>();
  for (const entry of entries) {
    const spec = parseChannelSpec(entry);
    if ('error' in spec) log.warn(`${name}: ${spec.error} — posten springes over.`);
    else specs.set(spec.key, spec);
  }
  return [...specs.values()];
}
