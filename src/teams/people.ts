// People's display names by Teams id, learnt from the activities the bot sees (who wrote, who was
// mentioned), so cards can say "Fra Hanne Hansen". Kept in memory only and bounded: names are
// never stored; after a restart a card says "en kollega" until the person writes again.

import type { Activity } from '@microsoft/teams.api';

export class PeopleDirectory {
  private readonly names = new Map<string, string>();

  constructor(private readonly max = 5000) {}

  name(id: string): string | undefined {
    return this.names.get(id);
  }

  remember(id: string, name: string): void {
    if (!id || !name) return;
    this.names.delete(id);
    this.names.set(id, name.slice(0, 100));
    while (this.names.size > this.max) this.names.delete(this.names.keys().next().value!);
  }

  /** Learns the sender and everyone mentioned; returns the mentioned people other than the bot. */
  learn(activity: Activity): Array<{ id: string; name: string }> {
    const from = activity.from as { id?: string; name?: string } | undefined;
    if (from?.id && from.name) this.remember(from.id, from.name);
    const botId = activity.recipient?.id;
    const mentioned: Array<{ id: string; name: string }> = [];
    for (const e of activity.entities ?? []) {
      const m = e as { type?: string; mentioned?: { id?: string; name?: string } };
      const id = m.mentioned?.id;
      if (m.type !== 'mention' || !id || id === botId) continue;
      const name = m.mentioned?.name ?? 'en kollega';
      this.remember(id, name);
      if (!mentioned.some((p) => p.id === id)) mentioned.push({ id, name });
    }
    return mentioned;
  }
}
