// Brief and backbrief on the local page: the page has no login and no chat with people, so what
// the core sends a person (a brief, a backbrief, a reminder) waits here, in memory, until the
// page asks for that person's messages. Bounded, and gone on restart; the briefs themselves
// stay in the store, and "Dine briefs" shows them.

import type { Reply } from '../bot/reply.ts';
import type { PersonDeliver } from '../brief/delivery.ts';

export const MAX_MESSAGES_PER_PERSON = 50;
const MAX_PEOPLE = 500;

export interface MailItem {
  at: string;
  reply: Reply;
}

export class WebMailbox {
  private readonly boxes = new Map<string, MailItem[]>();

  readonly deliver: PersonDeliver = async (person, reply) => {
    let box = this.boxes.get(person.user);
    if (!box) {
      if (this.boxes.size >= MAX_PEOPLE) this.boxes.delete(this.boxes.keys().next().value!);
      box = [];
      this.boxes.set(person.user, box);
    }
    box.push({ at: new Date().toISOString(), reply });
    if (box.length > MAX_MESSAGES_PER_PERSON) box.splice(0, box.length - MAX_MESSAGES_PER_PERSON);
    return { ok: true };
  };

  /** A person's messages, newest first. */
  messages(user: string): MailItem[] {
    return [...(this.boxes.get(user) ?? [])].reverse();
  }
}
