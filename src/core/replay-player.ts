/**
 * Plays one recorded response at a rule's pace: each chunk at its recorded time divided by the
 * speed (0: all at once), or, stepped by hand, one chunk per `step()` or one event per
 * `stepEvent()` (up to the next blank line; a line, for a body that is not an event stream); then
 * its end, if it had one. Faults the user asks for act on it: drop, hold, shift, rewrite the next
 * chunk, inject a block.
 * Times are kept from the response's start, so timer lateness never adds up; a pause shifts them
 * all by its length. The host is the caller's: the page hook's calls only natives saved before
 * page scripts ran, the worker's (Firefox serving a native EventSource) its own timers.
 *
 * Long because: the timed, stepped and faulted writes share the position in the response, the
 * lines written and the armed rewrites; apart, each would have to reach into the others.
 */
import { toBase64 } from './base64';
import { blockEnd, type ChunkFault, injectAtBlockEnd, tailAfter } from './chunk-faults';
import { PACE_SPEED, type ReplayChunk, type ReplayPace, type ReplayResponse } from './replay-rule';

export interface PlayerOutlet {
  write(chunk: ReplayChunk): void;
  /** The response is over: the server closed it, or the network failed it. */
  end(how: 'close' | 'error'): void;
}

/** Monotonic milliseconds, timers, and a chunk's bytes: what the player needs of where it runs. */
export interface ReplayHost {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
  bytes(chunk: ReplayChunk): Uint8Array;
}

/** Where an event stream's lines stand: the current line's first characters and length, the block's data. */
interface Lines {
  head: string;
  length: number;
  afterCr: boolean;
  /** The block so far has a `data` field. */
  data: boolean;
}

/** Reads one character; when it ends a line, whether that line was blank and the block had data. */
function readChar(lines: Lines, c: string): { blank: boolean; data: boolean } | undefined {
  if (c === '\n' && lines.afterCr) {
    lines.afterCr = false;
    return undefined;
  }
  lines.afterCr = c === '\r';
  if (c !== '\n' && c !== '\r') {
    if (lines.length < 5) lines.head += c;
    lines.length++;
    return undefined;
  }
  const blank = lines.length === 0;
  if (lines.head === 'data' || lines.head === 'data:') lines.data = true;
  const ended = { blank, data: lines.data };
  if (blank) lines.data = false;
  lines.head = '';
  lines.length = 0;
  return ended;
}

export class Player {
  private next = 0;
  private startedAt = 0;
  private pausedAt: number | undefined;
  private timer: unknown;
  private stopped = false;
  private readonly speed: number | undefined;
  /** Stepping by event: what is left of a chunk partly written, and where the lines written stand. */
  private rest: string | undefined;
  private readonly lines: Lines = { head: '', length: 0, afterCr: false, data: false };
  private readonly byLine: boolean;
  /** Faults that rewrite the next chunk that fits them, in the order asked; the last bytes written. */
  private readonly rewrites: ChunkFault[] = [];
  private tail: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly response: ReplayResponse,
    pace: ReplayPace,
    private readonly out: PlayerOutlet,
    private readonly host: ReplayHost,
  ) {
    this.speed = pace === 'step' ? undefined : PACE_SPEED[pace];
    const type = response.contentType;
    const stream = 'text/event-stream';
    const upper = 'TEXT/EVENT-STREAM';
    let sse = type.length >= stream.length;
    for (let i = 0; sse && i < stream.length; i++) sse = type[i] === stream[i] || type[i] === upper[i];
    this.byLine = !sse;
  }

  start(paused: boolean): void {
    this.startedAt = this.host.now();
    if (paused) this.pausedAt = this.startedAt;
    this.schedule();
  }

  /** Stepped by hand: the next chunk now (or, after the last, the end). */
  step(): void {
    if (this.stopped || this.speed !== undefined) return;
    this.writeNext();
  }

  /** Stepped by hand: up to the end of the next event (across chunks, and splitting one that holds more). */
  stepEvent(): void {
    if (this.stopped || this.speed !== undefined) return;
    for (;;) {
      const text = this.takeText();
      if (text === undefined) {
        this.writeNext();
        return;
      }
      const end = this.eventEnd(text);
      this.rest = end < 0 || end === text.length ? undefined : text.slice(end);
      this.emit({ at: 0, text: end < 0 ? text : text.slice(0, end) });
      if (end >= 0 || this.stopped) return;
    }
  }

  /** The text of what comes next, a chunk's or its rest; undefined after the last (or for bytes, written whole). */
  private takeText(): string | undefined {
    if (this.rest !== undefined) return this.rest;
    const chunk = this.response.chunks[this.next];
    if (!chunk || chunk.text === undefined) return undefined;
    this.next++;
    return chunk.text;
  }

  /**
   * Where the next event ends in `text`, given the lines written before: after the empty line that
   * ends a block with a `data` field (a block without one dispatches nothing: it goes with the next
   * event), or after any line for a body that is not an event stream; -1 when it does not end in it.
   */
  private eventEnd(text: string): number {
    const lines = { ...this.lines };
    for (let i = 0; i < text.length; i++) {
      const ended = readChar(lines, text[i] as string);
      if (!ended) continue;
      if (!this.byLine && !ended.blank) continue;
      if (!this.byLine && !ended.data) continue;
      // A CR that may be half of a CRLF: its LF goes with it.
      return lines.afterCr && text[i + 1] === '\n' ? i + 2 : i + 1;
    }
    return -1;
  }

  /** Writes a chunk, keeping where the lines stand for the next event's end. */
  private emit(chunk: ReplayChunk): void {
    const text = chunk.text ?? '';
    for (let i = 0; i < text.length; i++) readChar(this.lines, text[i] as string);
    this.deliver(chunk);
  }

  /** A fault: every write from now on comes `ms` later. */
  shift(ms: number): void {
    if (this.stopped) return;
    this.startedAt += ms;
    this.clear();
    this.schedule();
  }

  /** A fault: the response breaks now, as a dropped connection. */
  drop(): void {
    if (this.stopped) return;
    this.stop();
    this.out.end('error');
  }

  /** A fault: the next chunk that fits is rewritten (cut, split) on its way. */
  rewriteNext(fault: ChunkFault): void {
    if (!this.stopped) this.rewrites[this.rewrites.length] = fault;
  }

  /** A fault: a block written now if the stream is between blocks, else where the next one ends. */
  inject(block: Uint8Array): void {
    if (this.stopped) return;
    if (blockEnd(this.tail, new Uint8Array(0)) === 0) this.deliver({ at: 0, base64: toBase64(block) });
    else this.rewriteNext(injectAtBlockEnd(block));
  }

  /** Writes a chunk, or what a fault armed for it makes of it; keeps the last bytes written. */
  private deliver(chunk: ReplayChunk): void {
    const bytes = this.host.bytes(chunk);
    const fault = this.rewrites[0];
    const rewrite = fault ? fault(bytes, this.tail) : undefined;
    if (!rewrite) {
      this.tail = tailAfter(this.tail, bytes);
      this.out.write(chunk);
      return;
    }
    const armed = this.rewrites;
    for (let i = 1; i < armed.length; i++) armed[i - 1] = armed[i] as ChunkFault;
    armed.length--;
    // Each piece a write of its own (a split character's halves too: a reader gets them apart).
    const pieces = rewrite.pieces;
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as Uint8Array;
      this.tail = tailAfter(this.tail, piece);
      this.out.write({ at: chunk.at, base64: toBase64(piece) });
    }
    if (rewrite.close) this.drop();
  }

  pause(): void {
    if (this.pausedAt !== undefined || this.stopped) return;
    this.pausedAt = this.host.now();
    this.clear();
  }

  resume(): void {
    if (this.pausedAt === undefined || this.stopped) return;
    this.startedAt += this.host.now() - this.pausedAt;
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
    if (this.rest !== undefined) {
      const rest = this.rest;
      this.rest = undefined;
      this.emit({ at: 0, text: rest });
      return;
    }
    const chunks = this.response.chunks;
    if (this.next < chunks.length) {
      const chunk = chunks[this.next] as ReplayChunk;
      this.next++;
      if (this.speed === undefined) this.emit(chunk);
      else this.deliver(chunk);
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
    const wait = this.startedAt + due - this.host.now();
    this.timer = this.host.setTimeout(() => this.fire(), wait > 0 ? wait : 0);
  }

  private fire(): void {
    this.timer = undefined;
    // Everything due by now goes in this task, in order; then the timer for what is next.
    for (let due = this.dueOf(this.next); due !== undefined && !this.stopped && this.pausedAt === undefined; ) {
      if (this.startedAt + due > this.host.now() + 1) break;
      this.writeNext();
      due = this.dueOf(this.next);
    }
    this.schedule();
  }

  private clear(): void {
    if (this.timer !== undefined) this.host.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
