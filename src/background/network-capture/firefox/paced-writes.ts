/**
 * When a response's chunks reach the page, once a fault paces it: held until a moment (then all at
 * once), or each a fixed time after it arrived. A chunk's moment never comes before the previous
 * one's (the hold only grows, the delay is fixed once set), so one queue in arrival order serves.
 * Only a paced response has one: the others write each chunk at once, as before.
 */

interface Held {
  due: number;
  data: ArrayBuffer;
}

export class PacedWrites {
  private readonly queue: Held[] = [];
  private holdUntil = 0;
  private delayMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private close: (() => void) | undefined;

  constructor(private readonly write: (data: ArrayBuffer) => void) {}

  /** Nothing reaches the page for `ms` from now; then what was held goes at once. */
  hold(ms: number): void {
    this.holdUntil = Math.max(this.holdUntil, Date.now() + ms);
  }

  /** Every chunk from now on reaches the page `ms` after it arrived. */
  delay(ms: number): void {
    this.delayMs = Math.max(this.delayMs, ms);
  }

  pass(data: ArrayBuffer): void {
    const due = Math.max(Date.now() + this.delayMs, this.holdUntil);
    if (this.queue.length === 0 && due <= Date.now()) {
      this.write(data);
      return;
    }
    this.queue.push({ due, data });
    this.schedule();
  }

  /** The response is over: `close` once every chunk held is written. */
  end(close: () => void): void {
    if (this.queue.length === 0) close();
    else this.close = close;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const head = this.queue[0];
    if (!head) {
      this.close?.();
      return;
    }
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        const now = Date.now();
        for (let next = this.queue[0]; next && next.due <= now; next = this.queue[0]) {
          this.queue.shift();
          this.write(next.data);
        }
        this.schedule();
      },
      Math.max(0, head.due - Date.now()),
    );
  }
}
