/**
 * The worker's queue: interactive jobs always go first; a bulk job is worked
 * one batch at a time, so a query that arrives during a cold start waits at
 * most for the batch in progress, never for the rest of the corpus.
 */
import { planBatches } from './batch-plan.js';
import type { EmbedPriority } from './embedder.js';

export interface QueuedJob {
  readonly id: number;
  readonly texts: readonly string[];
  readonly priority: EmbedPriority;
}

/** A job with its batches planned; `next()` hands out one batch at a time. */
export class JobProgress {
  private readonly batches: number[][];
  private cursor = 0;
  done = 0;

  constructor(readonly job: QueuedJob) {
    this.batches = planBatches(job.texts);
  }

  get finished(): boolean {
    return this.cursor >= this.batches.length;
  }

  next(): number[] | undefined {
    return this.batches[this.cursor++];
  }
}

export class EmbedQueue {
  private readonly interactive: JobProgress[] = [];
  private readonly bulk: JobProgress[] = [];

  get size(): number {
    return this.interactive.length + this.bulk.length;
  }

  push(job: QueuedJob): void {
    (job.priority === 'interactive' ? this.interactive : this.bulk).push(new JobProgress(job));
  }

  /** The job to take the next batch from: the oldest interactive one, else the oldest bulk one. */
  current(): JobProgress | undefined {
    return this.interactive[0] ?? this.bulk[0];
  }

  /** Drops a finished job from the front of its queue. */
  finish(progress: JobProgress): void {
    const list = progress.job.priority === 'interactive' ? this.interactive : this.bulk;
    const index = list.indexOf(progress);
    if (index !== -1) list.splice(index, 1);
  }

  /** Every job still waiting (for failing them all when the model cannot load). */
  drain(): QueuedJob[] {
    return [...this.interactive.splice(0), ...this.bulk.splice(0)].map((progress) => progress.job);
  }
}
