// One running Teams bot with its Bot Connector stand-in, and ways to read the cards it sent.

import { startTeams, type RunningTeams, type TeamsBotOptions } from '../../src/teams/index.ts';
import { postActivity } from './teams-activities.ts';
import { startConnectorStandIn, type ConnectorStandIn } from './teams-connector.ts';
import type { TestDeps } from './deps.ts';
import { teamsDeps } from './teams-deps.ts';

export interface Harness {
  deps: TestDeps;
  connector: ConnectorStandIn;
  teams: RunningTeams;
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startHarness(
  env: Record<string, string> = {},
  options: (connector: ConnectorStandIn) => TeamsBotOptions = () => ({}),
): Promise<Harness> {
  const deps = await teamsDeps(env);
  const connector = await startConnectorStandIn();
  const teams = await startTeams(deps, { port: 0, ...options(connector) });
  return {
    deps,
    connector,
    teams,
    post: (activity, headers) => postActivity(teams.url, activity, headers),
    async close() {
      await teams.stop();
      await connector.close();
    },
  };
}

/** The Adaptive Cards attached to a posted activity. */
export function cardsOf(activity: any): any[] {
  return (activity.attachments ?? [])
    .filter((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a: any) => a.content);
}

/** Every element and action of a card, depth first. */
export function walk(node: any, out: any[] = []): any[] {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, out);
  } else if (node && typeof node === 'object') {
    if (typeof node.type === 'string') out.push(node);
    for (const key of ['body', 'items', 'columns', 'inlines', 'actions', 'fallback']) if (node[key] && typeof node[key] === 'object') walk(node[key], out);
  }
  return out;
}

/** The card's visible text runs, in order. */
export function textsOf(card: any): string[] {
  return walk(card)
    .filter((n) => n.type === 'TextRun' || n.type === 'TextBlock')
    .map((n) => n.text as string);
}

/** The card's text as one string, for "contains" checks. */
export function textOf(card: any): string {
  return walk(card.body)
    .filter((n) => n.type === 'RichTextBlock')
    .map((b) => (b.inlines as any[]).map((i) => (typeof i === 'string' ? i : i.text)).join(''))
    .join('\n');
}

export function actionsOf(card: any): any[] {
  return walk(card).filter((n) => typeof n.type === 'string' && n.type.startsWith('Action.'));
}
