/**
 * Plays one recorded response at a rule's pace: each chunk at its recorded time divided by the
 * speed (0: all at once), or, stepped by hand, one chunk per `next()`; then its end, if it had one.
 * Times are kept from the response's start, so timer lateness never adds up; a pause shifts them
 * all by its length. The clock is the caller's: the page hook's calls only natives saved before
 * page scripts ran, the worker's (Firefox serving a native EventSource) its own timers.
 */
import { PACE_SPEED, type ReplayChunk, type ReplayPace, type ReplayResponse } from './replay-rule';

export interface PlayerOutlet {
  write(chunk: ReplayChunk): void;
  /** The response is over: the server closed it, or the network failed it. */
  end(how: 'close' | 'error'): void;
}

/** Monotonic milliseconds, and timers. */
export interface ReplayClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export class Player {
  private next = 0;
  private startedAt = 0;
  private pausedAt: number | undefined;
  private timer: unknown;
  private stopped = false;
  private readonly speed: number | undefined;

  constructor(
    private readonly response: ReplayResponse,
    pace: ReplayPace,
    private readonly out: PlayerOutlet,
    private readonly clock: ReplayClock,
  ) {
    this.speed = pace === 'step' ? undefined : PACE_SPEED[pace];
  }

  start(paused: boolean): void {
    this.startedAt = this.clock.now();
    if (paused) this.pausedAt = this.startedAt;
    this.schedule();
  }

  /** Stepped by hand: the next chunk now (or, after the last, the end). */
  step(): void {
    if (this.stopped || this.speed !== undefined) return;
    this.writeNext();
  }

  pause(): void {
    if (this.pausedAt !== undefined || this.stopped) return;
    this.pausedAt = this.clock.now();
    this.clear();
  }

  resume(): void {
    if (this.pausedAt === undefined || this.stopped) return;
    this.startedAt += this.clock.now() - this.pausedAt;
    this.pausedAt = undefined;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  get over(): boolean {
    return this.stopped;
  }

  /** When the next write (or the end) is due, in ms from the start; undefined: never by itself. */
  private dueOf(index: number): number | undefined {
    const chunks = this.response.chunks;
    const at = index < chunks.length ? (chunks[index] as ReplayChunk).at : this.response.end?.at;
    if (at === undefined || this.speed === undefined) return undefined;
    return this.speed === 0 ? 0 : at / this.speed;
  }

  private writeNext(): void {
    const chunks = this.response.chunks;
    if (this.next < chunks.length) {
      const chunk = chunks[this.next] as ReplayChunk;
      this.next++;
      this.out.write(chunk);
      return;
    }
    const end = this.response.end;
    if (end) {
      this.stop();
      this.out.end(end.how);
    }
  }

  private schedule(): void {
    if (this.stopped || this.pausedAt !== undefined || this.timer !== undefined) return;
    const due = this.dueOf(this.next);
    if (due === undefined) return;
    const wait = this.startedAt + due - this.clock.now();
    this.timer = this.clock.setTimeout(() => this.fire(), wait > 0 ? wait : 0);
  }

  private fire(): void {
    this.timer = undefined;
    // Everything due by now goes in this task, in order; then the timer for what is next.
    for (let due = this.dueOf(this.next); due !== undefined && !this.stopped && this.pausedAt === undefined; ) {
      if (this.startedAt + due > this.clock.now() + 1) break;
      this.writeNext();
      due = this.dueOf(this.next);
    }
    this.schedule();
  }

  private clear(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
