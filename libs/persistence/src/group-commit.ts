import { AsyncResource } from 'node:async_hooks';

/** What one job of a batch came to: its result, or the error its caller gets. */
export type Outcome<R> = { value: R } | { error: unknown };

/** A job as the batch writer sees it, with a way back into its caller's async context. */
export interface Queued<J> {
  job: J;
  /**
   * Runs `work` in the async context of the call that submitted the job: what reads the current
   * request or trace (event envelopes, audit entries) must run here, not in the batch's context.
   */
  inCallerContext<T>(work: () => T): T;
}

/**
 * Writes a batch in one transaction and says what each job came to. A job refused on its own
 * (bad input, not allowed) is an `{ error }` outcome and must have written nothing; a throw
 * means the transaction failed as a whole (a database error), and then each job is written
 * again alone, so a job that breaks a batch fails only its own call.
 */
export type BatchWriter<J, R> = (jobs: readonly Queued<J>[]) => Promise<Outcome<R>[]>;

export interface GroupCommitOptions {
  /** jobs per transaction at most (default 100) */
  maxBatch?: number;
}

interface Waiting<J, R> extends Queued<J> {
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: one write per transaction costs a commit (an fsync) and a round trip for each
 * statement, each paid in CPU on both sides, so it bounds how many writes a second a service
 * takes. Here a job submitted while a batch is being written waits, and the next
 * batch takes all that waited (up to `maxBatch`, in arrival order) into one call of the writer,
 * which can then write them with a statement per table rather than per job. Each call resolves
 * or rejects only after its batch committed. Nothing waits on a timer: a lone job goes at once.
 *
 * The writer's rule: a job's own refusal is its outcome and leaves nothing written for it; a
 * database error is thrown, so the batch rolls back and each job runs again alone.
 */
export class GroupCommit<J, R> {
  private readonly maxBatch: number;
  private readonly waiting: Waiting<J, R>[] = [];
  private running = false;
  /** Batches run outside any caller's context (not in the trace of the call that started them). */
  private readonly batches = new AsyncResource('group-commit');

  constructor(
    private readonly write: BatchWriter<J, R>,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 100;
  }

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const caller = new AsyncResource('group-commit-job');
      this.waiting.push({
        job,
        inCallerContext: (work) => caller.runInAsyncScope(work),
        resolve,
        reject,
      });
      if (!this.running) void this.batches.runInAsyncScope(() => this.drain());
    });
  }

  /** Runs batches until no job waits; jobs that arrive meanwhile form the next batch. */
  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        if (batch.length === 1) await this.settleAlone(batch[0]);
        else await this.settleTogether(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async settleTogether(batch: Waiting<J, R>[]): Promise<void> {
    let outcomes: Outcome<R>[];
    try {
      outcomes = await this.write(batch);
    } catch {
      // The transaction failed as a whole: each job again on its own, so one cause fails one call.
      for (const entry of batch) await this.settleAlone(entry);
      return;
    }
    batch.forEach((entry, index) => settle(entry, outcomes[index]));
  }

  private async settleAlone(entry: Waiting<J, R>): Promise<void> {
    try {
      const [outcome] = await this.write([entry]);
      settle(entry, outcome);
    } catch (error) {
      entry.reject(error);
    }
  }
}

function settle<J, R>(entry: Waiting<J, R>, outcome: Outcome<R> | undefined): void {
  if (!outcome) entry.reject(new Error('the batch writer gave no outcome for this job'));
  else if ('error' in outcome) entry.reject(outcome.error);
  else entry.resolve(outcome.value);
}

/** Runs `work` and turns a throw into an `{ error }` outcome: for the checks of one job. */
export function attempt<R>(work: () => R): Outcome<R> {
  try {
    return { value: work() };
  } catch (error) {
    return { error };
  }
}
