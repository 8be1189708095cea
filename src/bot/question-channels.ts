// Question channels: channels where every new message is read as a question, switched on with
// "kanal spørgsmål til" or listed in QUESTION_CHANNELS.

import type { Platform } from '../store/store.ts';
import type { MessageContext } from './context.ts';
import type { Replies } from './replies.ts';
import type { Reply } from './reply.ts';

export interface QuestionChannelStore {
  isQuestionChannel(key: string): Promise<boolean>;
  setQuestionChannel(key: string, on: boolean): Promise<void>;
}

export class QuestionChannels {
  constructor(
    private readonly store: QuestionChannelStore,
    /** "<platform>:<channel>" keys from QUESTION_CHANNELS: always on. */
    private readonly pinned: ReadonlySet<string>,
    private readonly replies: Replies,
  ) {}

  async isOn(platform: Platform, conversation: string | undefined): Promise<boolean> {
    if (conversation === undefined) return false;
    const key = `${platform}:${conversation}`;
    return this.pinned.has(key) || (await this.store.isQuestionChannel(key));
  }

  async toggle(on: boolean, ctx: MessageContext): Promise<Reply> {
    const wording = ctx.wording ?? {};
    if (!ctx.capabilities.questionChannels || ctx.conversation === undefined) {
      const notice = wording.noQuestionChannels ?? { title: 'Spørgsmålskanaler', text: 'Spørgsmålskanaler kan ikke slås til her.' };
      return this.replies.info(notice.title, notice.text);
    }
    if (ctx.direct) {
      return this.replies.info(
        'Kun i kanaler',
        'En spørgsmålskanal er en kanal, hvor jeg svarer på nye beskeder uden at blive nævnt. Her i vores direkte beskeder svarer jeg altid, så der er intet at slå til.',
      );
    }
    const key = `${ctx.platform}:${ctx.conversation}`;
    await this.store.setQuestionChannel(key, on);
    if (on) {
      const reach = wording.questionChannelReach ? ` ${wording.questionChannelReach}` : '';
      return this.replies.info(
        'Spørgsmålskanal slået til',
        `Fra nu af svarer jeg i tråden på nye beskeder i denne kanal, når jeg er sikker på, at ledelsesgruppernes udsagn passer til spørgsmålet. Almindelig snak og svar i tråde lader jeg være.${reach} Slå det fra igen med ${ctx.commandPrefix}kanal spørgsmål fra.`,
      );
    }
    const howToAsk = wording.howToAsk ? ` ${wording.howToAsk}` : '';
    return this.replies.info(
      'Spørgsmålskanal slået fra',
      this.pinned.has(key)
        ? 'Kanalen står i QUESTION_CHANNELS i opsætningen (.env), så jeg bliver ved med at svare på spørgsmål her, indtil den fjernes derfra.'
        : `Jeg svarer ikke længere af mig selv på beskeder her.${howToAsk}`,
    );
  }
}
