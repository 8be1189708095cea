// manifests/slack/manifest.json: what api.slack.com needs to create the app, and no more
// permissions than the app uses.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMAND } from '../../src/slack/listeners/commands/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'manifests', 'slack', 'manifest.json'), 'utf8'));
const listenerSource = ['app-mention', 'app-home-opened', 'direct-message', 'question-channel', 'index']
  .map((f) => readFileSync(path.join(root, 'src', 'slack', 'listeners', 'events', `${f}.ts`), 'utf8'))
  .join('\n');

describe('Slack app manifest', () => {
  it('has a name and descriptions within the manifest limits', () => {
    const info = manifest.display_information;
    expect(info.name).toBe('Ledelsesbot');
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(info.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });

  it('declares /ledelse with a Danish description and usage hint', () => {
    const [command, ...others] = manifest.features.slash_commands;
    expect(others).toHaveLength(0);
    expect(command.command).toBe(COMMAND);
    expect(command.description).toMatch(/gør og undgå/);
    expect(command.description.length).toBeLessThanOrEqual(2000);
    expect(command.usage_hint).toContain('nedad');
    expect(command.usage_hint).toContain('hjælp');
    expect(command.should_escape).toBe(false);
    // In Socket Mode commands need no request URL; HTTP mode adds it (see docs/slack.md).
    expect(command.url).toBeUndefined();
  });

  it('asks for exactly the scopes the app uses: no im:write, no chat:write.public, nothing to read users or channel lists', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history'].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('subscribes to the events there are listeners for, and each event has the scope it needs', () => {
    const events: string[] = manifest.settings.event_subscriptions.bot_events;
    expect([...events].sort()).toEqual(['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im']);
    const needs: Record<string, string | undefined> = {
      app_mention: 'app_mentions:read',
      'message.channels': 'channels:history',
      'message.groups': 'groups:history',
      'message.im': 'im:history',
      app_home_opened: undefined,
    };
    for (const e of events) {
      const scope = needs[e];
      if (scope) expect(manifest.oauth_config.scopes.bot).toContain(scope);
      expect(listenerSource).toContain(`'${e.split('.')[0]}'`);
    }
  });

  it('turns on Socket Mode, interactivity, the Home tab and the Messages tab', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });
});
