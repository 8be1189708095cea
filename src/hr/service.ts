// "Spørg HR" as a conversation in the core: the leader's offer and form, HR's answer form, the
// answer on its way back, "Ikke relevant", the HR channels, and the saved answers. Front ends
// render what this returns and post where it asks them to (src/hr/front-ends.ts); none of them
// decides anything here.

import type { Logger } from '../app.ts';
import type { ActionRequest, Person } from '../bot/actions.ts';
import type { MessageContext } from '../bot/context.ts';
import type { HrActionRequest, HrConversation, HrIntent, QuestionOutcome } from '../bot/hr-port.ts';
import type { KnowledgeSource, Replies } from '../bot/replies.ts';
import type { Reply, StatementView } from '../bot/reply.ts';
import { copenhagenDay } from '../clock.ts';
import { errorMessage } from '../shared/errors.ts';
import type { Platform } from '../store/store.ts';
import type { HrDeskTarget, HrFrontEnds, HrSendResult } from './front-ends.ts';
import { MAX_HR_QUESTION, MAX_NAME, MAX_WORDING, type HrDeskRecord, type HrQuestion, type SavedAnswer } from './model.ts';
import type { HrRepository } from './repository.ts';
import { SavedAnswerIndex } from './saved-index.ts';
import {
  alreadySettled,
  AnswerValues,
  AskValues,
  MAX_NEAREST,
  NEAREST_ID,
  NOT_HR_CHANNEL,
  offerReply,
  savedListReply,
  sentReply,
  STALE_HR_BUTTON,
  textValues,
  weekOf,
} from './service-parts.ts';
import { answerForAsker, closedForAsker, DISMISS_NOTE, questionForHr, savedAnswerView } from './views.ts';

export { STALE_HR_BUTTON, weekOf } from './service-parts.ts';

export interface HrSettings {
  /** HR channels from the settings (HR_CHANNEL). */
  configuredDesks: readonly HrDeskTarget[];
  /** HR_RETENTION_DAYS */
  retentionDays: number;
}

export class HrService implements HrConversation {
  private desks: HrDeskRecord[] = [];
  private readonly index = new SavedAnswerIndex();
  private savedVersion = -1;
  private savedIndexed: unknown;
  private saved: SavedAnswer[] = [];
  private loaded: Promise<void> | undefined;

  constructor(
    private readonly repository: HrRepository,
    private readonly frontEnds: HrFrontEnds,
    private readonly knowledge: KnowledgeSource,
    private readonly replies: Replies,
    private readonly settings: HrSettings,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads the registered HR channels and the saved answers; call once before use. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      this.desks = await this.repository.desks();
      await this.refreshSaved();
    })();
    return this.loaded;
  }

  /** Reads the HR channels again (another instance registered or removed one). */
  async reloadDesks(): Promise<void> {
    await this.load();
    this.desks = await this.repository.desks();
  }

  // ——— what the questions use ———

  async savedAnswersFor(text: string): Promise<StatementView[]> {
    await this.refreshSaved();
    return this.index.match(text).map((m) => savedAnswerView(m.answer));
  }

  canSendToHr(platform: Platform): boolean {
    return this.postingDesks().length > 0 || this.frontEnds.get(platform)?.listsQuestions === true;
  }

  async noteQuestion(outcome: QuestionOutcome, situation: string | undefined, _platform: Platform): Promise<void> {
    await this.repository.countQuestion(weekOf(copenhagenDay(this.now())), outcome, situation);
  }

  isSavedAnswer(id: string): boolean {
    return this.index.has(id);
  }

  /** The saved answers, as the index has them (refreshed first). */
  async savedAnswers(): Promise<SavedAnswer[]> {
    await this.refreshSaved();
    return [...this.saved];
  }

  /** Every HR channel questions are posted to: the configured and the registered ones whose platform runs. */
  postingDesks(): HrDeskTarget[] {
    const all: HrDeskTarget[] = [...this.settings.configuredDesks, ...this.desks];
    return all.filter((d) => this.frontEnds.get(d.platform)?.postToDesk);
  }

  // ——— commands ———

  async command(intent: HrIntent, ctx: MessageContext): Promise<Reply> {
    await this.load();
    if (intent.type === 'hr-saved') return this.savedList(ctx);
    return intent.on ? this.deskOn(ctx) : this.deskOff(ctx);
  }

  private async deskOn(ctx: MessageContext): Promise<Reply> {
    const setup = ctx.wording?.hrChannelSetup;
    if (setup) return this.replies.info(setup.title, setup.text);
    if (!this.frontEnds.get(ctx.platform)?.postToDesk || ctx.conversation === undefined) {
      return this.replies.info('HR-kanal', 'Her kan der ikke sættes en HR-kanal op.');
    }
    if (ctx.direct) {
      return this.replies.info('Kun i kanaler', 'En HR-kanal skal være en kanal i et team, som HR-medarbejderne er med i — ikke en chat med mig.');
    }
    const other = this.desks.find((d) => d.platform === ctx.platform && d.channel !== ctx.conversation);
    if (other) {
      return this.replies.info(
        'HR-kanalen findes allerede',
        `Spørgsmålene til HR går allerede til en anden kanal. Skriv ${ctx.commandPrefix}hr kanal fra i den kanal først, så kan denne kanal overtage.`,
      );
    }
    await this.repository.putDesk({
      platform: ctx.platform,
      channel: ctx.conversation,
      ...(ctx.address !== undefined ? { address: ctx.address } : {}),
      since: this.now().toISOString(),
    });
    this.desks = await this.repository.desks();
    return this.replies.info(
      'HR-kanal slået til',
      'Fra nu af kommer de spørgsmål, ledere vælger at sende til HR, her som kort med spørgsmålet, dagen, hvor det kom fra, og de udsagn, jeg fandt — og en formular til svaret. ' +
        `Lederens navn står kun på, hvis lederen selv har valgt det. Hver mandag morgen kommer et kort overblik over ugens spørgsmål. Slå det fra med ${ctx.commandPrefix}hr kanal fra.`,
    );
  }

  private async deskOff(ctx: MessageContext): Promise<Reply> {
    const setup = ctx.wording?.hrChannelSetup;
    if (setup) return this.replies.info(setup.title, setup.text);
    if (ctx.conversation === undefined || !(await this.repository.removeDesk(ctx.platform, ctx.conversation))) {
      return this.replies.info('HR-kanal', 'Denne kanal er ikke HR-kanal, så der er intet at slå fra.');
    }
    this.desks = await this.repository.desks();
    return this.replies.info('HR-kanal slået fra', 'Spørgsmål til HR kommer ikke længere her. Spørgsmål, der allerede er kommet, kan stadig besvares her.');
  }

  private async savedList(ctx: MessageContext): Promise<Reply> {
    const saved = await this.savedAnswers();
    if (saved.length === 0) {
      return this.replies.info('HR\'s gemte svar', 'HR har ikke gemt nogen svar som viden endnu. Et svar gemmes, når HR vælger "Ja" til at gemme det i svarformularen.');
    }
    const canRemove = this.isDesk(ctx);
    return savedListReply(saved, canRemove);
  }

  // ——— buttons and forms ———

  async act(action: HrActionRequest, ctx: MessageContext): Promise<Reply> {
    await this.load();
    switch (action.type) {
      case 'hr-offer':
        return this.offer(action, ctx);
      case 'submit':
        return action.form === 'hr-ask' ? this.send(textValues(action.values), action.person, ctx) : this.answer(textValues(action.values), action.person, ctx);
      case 'hr-open':
        return this.openAnswerForm(action.questionId, ctx);
      case 'hr-dismiss':
        return this.dismiss(action.questionId, action.person, ctx);
      case 'hr-remove':
        return this.remove(action.answerId, ctx);
      case 'hr-inbox':
        return this.inbox(action.questionIds);
    }
  }

  private offer(action: Extract<ActionRequest, { type: 'hr-offer' }>, ctx: MessageContext): Reply {
    const question = action.question.trim();
    if (!question) return this.replies.error('Knappen virker ikke', 'Der er intet spørgsmål at sende. Skriv dit spørgsmål igen.');
    if (!this.canSendToHr(ctx.platform)) {
      return this.replies.info('Spørg HR', 'HR modtager ikke spørgsmål her endnu. Spørg gerne HR direkte.');
    }
    const nearest = this.knownStatements(action.nearest);
    return offerReply(question, nearest, ctx);
  }

  private async send(values: Record<string, string>, person: Person | undefined, ctx: MessageContext): Promise<Reply> {
    const parsed = AskValues.safeParse(values);
    if (!parsed.success) return this.replies.error('Spørgsmålet er ikke sendt', parsed.error.issues[0]!.message);
    if (!this.canSendToHr(ctx.platform)) return this.replies.info('Spørg HR', 'HR modtager ikke spørgsmål her endnu. Spørg gerne HR direkte.');
    const { identity } = parsed.data;
    const text = parsed.data.question.replace(/\r\n?/g, '\n').slice(0, MAX_HR_QUESTION);
    const name = identity === 'named' ? (person?.name ?? parsed.data.name ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME) : undefined;
    if (identity === 'named' && !name) {
      return this.replies.error('Spørgsmålet er ikke sendt', 'Skriv dit navn, eller vælg at sende spørgsmålet anonymt.');
    }
    const nearest = this.knownStatements((parsed.data.nearest ?? '').split(','));
    const question = await this.repository.addQuestion({
      text,
      platform: ctx.platform,
      nearest,
      askedAt: this.now().toISOString(),
      ...(name ? { name } : {}),
      ...(ctx.address !== undefined ? { asker: ctx.address } : {}),
    });
    await this.postToDesks(question);
    return sentReply(text, name, question, ctx);
  }

  private async openAnswerForm(questionId: string, ctx: MessageContext): Promise<Reply> {
    if (!this.isDesk(ctx)) return this.replies.error('Knappen virker ikke', NOT_HR_CHANNEL);
    const q = await this.repository.question(questionId);
    if (!q) return this.replies.error('Knappen virker ikke', STALE_HR_BUTTON);
    if (q.status !== 'open') return this.replies.info('Allerede håndteret', alreadySettled(q));
    const view = await this.viewForHr(q);
    return { ...view, type: 'form', title: 'Svar på spørgsmål' };
  }

  private async answer(values: Record<string, string>, person: Person | undefined, ctx: MessageContext): Promise<Reply> {
    if (!this.isDesk(ctx)) return this.replies.error('Svaret er ikke sendt', NOT_HR_CHANNEL);
    const parsed = AnswerValues.safeParse(values);
    if (!parsed.success) return this.replies.error('Svaret er ikke sendt', parsed.error.issues[0]!.message);
    const { questionId, answer, save, direction, kind } = parsed.data;
    const wording = (parsed.data.wording ?? '').replace(/\s+/g, ' ').trim();
    if (save === 'yes' && !wording) return this.replies.error('Svaret er ikke sendt', 'Skriv, hvordan ledere spørger om det, når svaret skal gemmes som viden.');
    if (wording.length > MAX_WORDING) return this.replies.error('Svaret er ikke sendt', `"Sådan spørger ledere om det" må højst være ${MAX_WORDING} tegn.`);
    const by = person?.name?.trim() || 'HR';
    const at = this.now().toISOString();
    const settled = await this.repository.settle(questionId, { status: 'answered', text: answer.replace(/\r\n?/g, '\n'), by, at });
    if (!settled.ok) {
      if (!settled.question) return this.replies.error('Svaret er ikke sendt', STALE_HR_BUTTON);
      return this.replies.info('Svaret er ikke sendt', `${alreadySettled(settled.question)} Det første svar gælder, så dit svar er ikke sendt til lederen.`);
    }
    let saved: SavedAnswer | undefined;
    if (save === 'yes') {
      saved = await this.repository.saveAnswer({ wording, text: settled.question.answer!.text, direction, kind, day: copenhagenDay(new Date(at)) });
      await this.repository.linkSavedAnswer(questionId, saved.id);
      await this.refreshSaved();
    }
    const question = { ...settled.question, ...(saved ? { answer: { ...settled.question.answer!, savedAnswerId: saved.id } } : {}) };
    const delivery = await this.deliver(question, answerForAsker(question, saved));
    const after = (await this.repository.question(questionId)) ?? question;
    await this.updatePosts(after);
    const savedText = saved ? ` Svaret er gemt som viden: ledere, der spørger "${saved.wording}" eller næsten sådan, får det nu.` : '';
    return this.replies.info('Svaret er sendt', `${delivery}${savedText}`);
  }

  private async dismiss(questionId: string, person: Person | undefined, ctx: MessageContext): Promise<Reply> {
    if (!this.isDesk(ctx)) return this.replies.error('Knappen virker ikke', NOT_HR_CHANNEL);
    if (!/^q[0-9a-f]{12}$/.test(questionId)) return this.replies.error('Knappen virker ikke', STALE_HR_BUTTON);
    const by = person?.name?.trim() || 'HR';
    const settled = await this.repository.settle(questionId, { status: 'closed', text: DISMISS_NOTE, by, at: this.now().toISOString() });
    if (!settled.ok) {
      if (!settled.question) return this.replies.error('Knappen virker ikke', STALE_HR_BUTTON);
      return this.replies.info('Allerede håndteret', alreadySettled(settled.question));
    }
    const delivery = await this.deliver(settled.question, closedForAsker(settled.question));
    await this.updatePosts((await this.repository.question(questionId)) ?? settled.question);
    return this.replies.info('Spørgsmålet er lukket', `${delivery.replace('Svaret', 'Beskeden')}`);
  }

  private async remove(answerId: string, ctx: MessageContext): Promise<Reply> {
    if (!this.isDesk(ctx)) return this.replies.error('Knappen virker ikke', NOT_HR_CHANNEL);
    const removed = await this.repository.removeSavedAnswer(answerId);
    await this.refreshSaved();
    return removed
      ? this.replies.info('Svaret er fjernet', 'Ledere får ikke længere det svar. Spørgsmålet og svaret til den leder, der spurgte, er ikke ændret.')
      : this.replies.info('Svaret findes ikke', 'Det svar er allerede fjernet.');
  }

  private async inbox(ids: readonly string[]): Promise<Reply> {
    const taken = await this.repository.takeWaiting(ids.filter((id) => /^q[0-9a-f]{12}$/.test(id)).slice(0, 50));
    if (taken.length === 0) return { ...this.replies.info('Ingen nye svar fra HR', 'Der er ikke kommet nye svar fra HR.'), sections: [] };
    await this.refreshSaved();
    const replies = taken.map((q) => (q.status === 'answered' ? answerForAsker(q, this.saved.find((a) => a.id === q.answer?.savedAnswerId)) : closedForAsker(q)));
    for (const q of taken) await this.updatePosts(q);
    return { ...replies[0]!, inbox: replies, delivered: taken.map((q) => q.id) };
  }

  // ——— HR's view and the way back ———

  /** Every kept question as HR sees it, newest first (the local page's /hr). */
  async questionsForHr(): Promise<Array<{ question: HrQuestion; reply: Reply }>> {
    const all = await this.repository.questions();
    const out: Array<{ question: HrQuestion; reply: Reply }> = [];
    for (const q of all.reverse()) out.push({ question: q, reply: await this.viewForHr(q) });
    return out;
  }

  private async viewForHr(q: HrQuestion): Promise<Reply> {
    await this.refreshSaved();
    const { byId } = this.knowledge.current.kb;
    const nearest = this.replies.view(q.nearest.map((id) => byId.get(id)).filter((s) => s !== undefined).slice(0, 3));
    const saved = q.answer?.savedAnswerId ? this.saved.find((a) => a.id === q.answer!.savedAnswerId) : undefined;
    return questionForHr(q, nearest, this.frontEnds.label(q.platform), saved);
  }

  private async postToDesks(q: HrQuestion): Promise<void> {
    const reply = await this.viewForHr(q);
    for (const desk of this.postingDesks()) {
      const fe = this.frontEnds.get(desk.platform)!;
      try {
        const result = await fe.postToDesk!(desk, reply);
        if (result.ok && 'ref' in result && result.ref !== undefined) await this.repository.addPost(q.id, { platform: desk.platform, channel: desk.channel, ref: result.ref });
        if (!result.ok) this.log.error(`Spørg HR: et spørgsmål kunne ikke sendes til HR-kanalen ${desk.platform}:${desk.channel}: ${result.note}`);
      } catch (err) {
        this.log.error(`Spørg HR: et spørgsmål kunne ikke sendes til HR-kanalen ${desk.platform}:${desk.channel}: ${errorMessage(err)}`);
      }
    }
  }

  private async updatePosts(q: HrQuestion): Promise<void> {
    if (q.posts.length === 0) return;
    const reply = await this.viewForHr(q);
    for (const post of q.posts) {
      const fe = this.frontEnds.get(post.platform);
      if (!fe?.updateDeskPost) continue;
      const desk = [...this.settings.configuredDesks, ...this.desks].find((d) => d.platform === post.platform && d.channel === post.channel) ?? { platform: post.platform, channel: post.channel };
      try {
        const result = await fe.updateDeskPost(desk, post.ref, reply);
        if (!result.ok) this.log.warn(`Spørg HR: HR's kopi af et spørgsmål kunne ikke opdateres: ${result.note}`);
      } catch (err) {
        this.log.warn(`Spørg HR: HR's kopi af et spørgsmål kunne ikke opdateres: ${errorMessage(err)}`);
      }
    }
  }

  /** Sends the answer (or note) to the leader and records how it went; a Danish sentence for HR. */
  private async deliver(q: HrQuestion, reply: Reply): Promise<string> {
    const fe = this.frontEnds.get(q.platform);
    let result: HrSendResult;
    if (!fe) result = { ok: false, gone: false, note: `${q.platform} kører ikke i denne opsætning.` };
    else {
      try {
        result = await fe.deliverToAsker(q.asker, reply);
      } catch (err) {
        result = { ok: false, gone: false, note: errorMessage(err) };
      }
    }
    if (result.ok && 'waiting' in result) {
      await this.repository.recordDelivery(q.id, { state: 'waiting' });
      return 'Svaret venter på lederen og vises, næste gang lederen åbner den lokale side.';
    }
    if (result.ok) {
      await this.repository.recordDelivery(q.id, { state: 'delivered' });
      return 'Svaret er sendt til lederen i den samtale, spørgsmålet kom fra.';
    }
    await this.repository.recordDelivery(q.id, { state: 'failed', note: result.note });
    this.log.warn(`Spørg HR: svaret på et spørgsmål kunne ikke leveres: ${result.note}`);
    return `Svaret kunne ikke leveres til lederen: ${result.note} Svaret står stadig i HR's oversigt.`;
  }

  /** True when the context is an HR channel (or the platform shows HR the questions itself). */
  isDesk(ctx: MessageContext): boolean {
    if (this.frontEnds.get(ctx.platform)?.listsQuestions) return true;
    if (ctx.conversation === undefined) return false;
    return [...this.settings.configuredDesks, ...this.desks].some((d) => d.platform === ctx.platform && d.channel === ctx.conversation);
  }

  private knownStatements(ids: readonly string[]): string[] {
    const { byId } = this.knowledge.current.kb;
    return [...new Set(ids.map((id) => id.trim()))].filter((id) => NEAREST_ID.test(id) && byId.has(id)).slice(0, MAX_NEAREST);
  }

  private async refreshSaved(): Promise<void> {
    const version = await this.repository.savedAnswersVersion();
    const current = this.knowledge.current;
    if (version === this.savedVersion && current === this.savedIndexed) return;
    this.saved = await this.repository.savedAnswers();
    this.index.update(current, version, this.saved);
    this.savedVersion = version;
    this.savedIndexed = current;
  }

  /** Deletes questions settled more than HR_RETENTION_DAYS ago. */
  async prune(): Promise<number> {
    const before = new Date(this.now().getTime() - this.settings.retentionDays * 86_400_000).toISOString();
    return this.repository.pruneSettled(before);
  }
}
