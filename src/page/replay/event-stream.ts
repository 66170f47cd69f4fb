/**
 * The event stream format, read as the spec says, for a replay rule's stand-in EventSource: text
 * in (decoded already, in pieces however they were written), events out. Lines end at CRLF, LF or
 * CR (a CR at the end of a piece may be half a CRLF); a blank line dispatches; an event with no
 * data is not dispatched; an incomplete event at the end is dropped. Only indexing and the saved
 * `slice` are used: the page may have replaced any string method.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
import { slice } from '../natives';

export interface StreamEvent {
  type: string;
  data: string;
  lastEventId: string;
}

export interface EventStreamOutlet {
  event(event: StreamEvent): void;
  retry(ms: number): void;
}

export class EventStream {
  private line = '';
  private afterCr = false;
  private data = '';
  private hasData = false;
  private type = '';
  /** The spec's last event ID buffer: it outlives each event, and the response. */
  lastEventId = '';

  constructor(private readonly out: EventStreamOutlet) {}

  /** A new response: what the last left unfinished is dropped; the last event id stays. */
  reset(): void {
    this.line = '';
    this.afterCr = false;
    this.data = '';
    this.hasData = false;
    this.type = '';
  }

  push(text: string): void {
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n' && this.afterCr && i === from) {
        // The LF of a CRLF whose CR ended the last piece (or line).
        this.afterCr = false;
        from = i + 1;
        continue;
      }
      this.afterCr = false;
      if (c !== '\n' && c !== '\r') continue;
      this.lineDone(this.line + slice(text, from, i));
      this.line = '';
      if (c === '\r') {
        if (i + 1 < text.length && text[i + 1] === '\n') i++;
        else if (i + 1 === text.length) this.afterCr = true;
      }
      from = i + 1;
    }
    this.line += slice(text, from, text.length);
  }

  private lineDone(line: string): void {
    if (line.length === 0) {
      this.dispatch();
      return;
    }
    if (line[0] === ':') return;
    let colon = -1;
    for (let i = 0; i < line.length && colon < 0; i++) if (line[i] === ':') colon = i;
    const field = colon < 0 ? line : slice(line, 0, colon);
    let value = colon < 0 ? '' : slice(line, colon + 1, line.length);
    if (value.length > 0 && value[0] === ' ') value = slice(value, 1, value.length);
    if (field === 'event') this.type = value;
    else if (field === 'data') {
      this.data = this.hasData ? `${this.data}\n${value}` : value;
      this.hasData = true;
    } else if (field === 'id') {
      let nul = false;
      for (let i = 0; i < value.length; i++) if (value[i] === '\0') nul = true;
      if (!nul) this.lastEventId = value;
    } else if (field === 'retry') {
      let ms = 0;
      for (let i = 0; i < value.length; i++) {
        const digit = value[i] as string;
        if (digit < '0' || digit > '9') return;
        ms = ms * 10 + +digit;
      }
      if (value.length > 0) this.out.retry(ms);
    }
  }

  private dispatch(): void {
    const hasData = this.hasData;
    const data = this.data;
    const type = this.type;
    this.data = '';
    this.hasData = false;
    this.type = '';
    if (!hasData) return;
    this.out.event({ type: type === '' ? 'message' : type, data, lastEventId: this.lastEventId });
  }
}
