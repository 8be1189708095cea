// The cards the bot sent with feedback buttons, by message id, so a vote can answer with the
// same card where the buttons have become a thank-you. In memory and bounded: after a
// restart a vote is still counted, and answered with a short message instead.

import type { IAdaptiveCard } from '@microsoft/teams.cards';

export class SentCards {
  private readonly cards = new Map<string, IAdaptiveCard>();

  constructor(private readonly max = 500) {}

  private static key(conversationId: string, activityId: string): string {
    return `${conversationId.split(';')[0]}|${activityId}`;
  }

  remember(conversationId: string, activityId: string, card: IAdaptiveCard): void {
    const key = SentCards.key(conversationId, activityId);
    this.cards.delete(key);
    this.cards.set(key, card);
    while (this.cards.size > this.max) this.cards.delete(this.cards.keys().next().value!);
  }

  find(conversationId: string, activityId: string | undefined): IAdaptiveCard | undefined {
    return activityId ? this.cards.get(SentCards.key(conversationId, activityId)) : undefined;
  }
}
