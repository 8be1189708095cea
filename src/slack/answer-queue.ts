// Acknowledgements first, answers after. Slack needs the ack within 3 seconds; the answer may
// follow a moment later through response_url or chat.postMessage. Answer work is queued, and
// while requests are still streaming in (a burst), it waits, so no answer ever holds up the
// acknowledgement of the next request. No answer waits longer than MAX_ANSWER_DELAY_MS for a
// quiet moment; after that answers run in short slices between requests.

/** CPU time answers may take in one go before incoming requests are served again. */
export const ANSWER_SLICE_MS = 2;
/** How long to wait for a quiet moment when requests keep arriving. */
export const QUIET_CHECK_MS = 2;
/** The longest a burst of requests may postpone an answer. */
export const MAX_ANSWER_DELAY_MS = 1000;

export type AnswerJob = () => Promise<void>;

interface Queued {
  job: AnswerJob;
  at: number;
}

export class AnswerQueue {
  private readonly jobs: Queued[] = [];
  private running = 0;
  private scheduled = false;
  /** Requests seen so far, and how many there were when the current wait began. */
  private arrivals = 0;
  private arrivalsAtSchedule = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Called for every incoming request (a global middleware): the app is busy acknowledging. */
  noteArrival(): void {
    this.arrivals++;
  }

  /** Queues work to run once the acknowledgements have gone out. */
  push(job: AnswerJob): void {
    this.jobs.push({ job, at: performance.now() });
    this.schedule(false);
  }

  /** Jobs waiting or in progress. */
  get size(): number {
    return this.jobs.length + this.running;
  }

  /** Resolves when every queued answer has been sent (or has failed). */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(wait: boolean): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.arrivalsAtSchedule = this.arrivals;
    // setImmediate runs right after the poll phase, where new requests are read and acknowledged.
    if (wait) setTimeout(() => this.drain(), QUIET_CHECK_MS);
    else setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    const now = performance.now();
    const oldest = this.jobs[0];
    if (!oldest) return;
    const busy = this.arrivals !== this.arrivalsAtSchedule;
    if (busy && now - oldest.at < MAX_ANSWER_DELAY_MS) {
      this.schedule(true);
      return;
    }
    const until = now + ANSWER_SLICE_MS;
    do {
      const next = this.jobs.shift();
      if (!next) break;
      this.run(next.job);
    } while (performance.now() < until);
    if (this.jobs.length) this.schedule(false);
  }

  private run(job: AnswerJob): void {
    this.running++;
    let settled: Promise<void>;
    try {
      settled = job();
    } catch (err) {
      settled = Promise.reject(err);
    }
    settled.catch(this.onError).finally(() => {
      this.running--;
      this.notifyIfIdle();
    });
  }

  private notifyIfIdle(): void {
    if (this.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
