/**
 * Chrome's network capture: which document the bytes of a page's EventSource belong to. The
 * debugger reads them under its own id for the request, and knows its frame (the tab's top frame or
 * another) and its document's URL; webRequest, whose id the document matched its connection by,
 * knows the frame (0 is the top one), the document and the origin that made the request. The two
 * views are paired by tab, URL, frame (the top with the top), origin (where the debugger knows the
 * document's), status and start (webRequest dates a request when its headers go out, after the
 * debugger dated it). Where requests of more than one document could be the one, none is taken:
 * the bytes are kept out rather than given to the wrong document.
 */
import type { SeenRequest } from '../http-observer';
import type { Recipient } from '../tab-messages';

/** The debugger's view of a page's EventSource request, once answered. */
export interface DebuggerRequest {
  url: string;
  /** Epoch ms the page made it. */
  requestTime: number;
  /** Made in the tab's top frame. */
  top: boolean;
  /** Its document's origin, where the document's URL tells one (not about:srcdoc, data: or a sandbox). */
  origin?: string;
  status?: number;
}

export interface Bridged {
  id: string;
  to: Recipient;
}

interface Seen extends SeenRequest {
  status?: number;
  answered: boolean;
}

/** How far apart the two views may date one request: webRequest's headers can go seconds later on a busy machine. */
const SAME_REQUEST_MS = 10_000;
/** How much earlier than the debugger webRequest may date it: two clock readings, not the order of events. */
const ORDER_SLACK_MS = 10;
/** Requests remembered: followed now, and answered ones after they end (the debugger's last bytes may come later). */
const MAX_LIVE = 512;
const MAX_RECENT = 64;
/** webRequest may tell of the answer a while after the debugger, on a busy machine: asked again this often, this many times. */
const RETRY_MS = 50;
const TRIES = 40;

const remember = <K, V>(map: Map<K, V>, key: K, value: V, max: number) => {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
};

export class RequestBridge {
  private readonly live = new Map<string, Seen>();
  private readonly recent = new Map<string, Seen>();
  /** webRequest's requests given to a debugger request already: each is one request. */
  private readonly bridged = new Set<string>();
  /** The answer for each debugger request, asked once and kept until its response ends. */
  private readonly finds = new Map<string, Promise<Bridged | undefined>>();

  sent(id: string, request: SeenRequest): void {
    if (!this.live.has(id)) remember(this.live, id, { ...request, answered: false }, MAX_LIVE);
  }

  answered(id: string, status: number | undefined): void {
    const seen = this.live.get(id);
    if (!seen) return;
    seen.answered = true;
    if (status !== undefined) seen.status = status;
  }

  ended(id: string): void {
    const seen = this.live.get(id);
    this.live.delete(id);
    if (seen?.answered) remember(this.recent, id, seen, MAX_RECENT);
  }

  /** webRequest's id and document for a debugger request (`key` names it); undefined when none is certain. */
  find(key: string, tabId: number, request: DebuggerRequest): Promise<Bridged | undefined> {
    let found = this.finds.get(key);
    if (!found) {
      found = this.ask(tabId, request);
      remember(this.finds, key, found, MAX_LIVE);
    }
    return found;
  }

  /** The debugger request's response ended: it is asked for no more. */
  done(key: string): void {
    this.finds.delete(key);
  }

  private async ask(tabId: number, request: DebuggerRequest): Promise<Bridged | undefined> {
    for (let tries = 1; ; tries++) {
      const match = this.match(tabId, request);
      if (match === 'unsure' || (match === 'wait' && tries >= TRIES)) return undefined;
      if (match !== 'wait') {
        this.bridged.add(match.id);
        if (this.bridged.size > MAX_LIVE) this.bridged.delete(this.bridged.values().next().value as string);
        return match;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  /**
   * webRequest's request for the debugger's: the closest in time of one document's; `wait` while
   * none is answered yet, or another document's still could be the one; `unsure` when answered
   * requests of more than one document fit.
   */
  match(tabId: number, request: DebuggerRequest): Bridged | 'wait' | 'unsure' {
    let best: [string, Seen, number] | undefined;
    const documents = new Set<string>();
    let unanswered = false;
    for (const list of [this.live, this.recent])
      for (const [id, seen] of list) {
        if (seen.tabId !== tabId || seen.url !== request.url || this.bridged.has(id)) continue;
        const gap = seen.requestTime - request.requestTime;
        if (gap < -ORDER_SLACK_MS || gap > SAME_REQUEST_MS) continue;
        if (request.top !== (seen.frameId === 0)) continue;
        if (!request.top && request.origin !== undefined && seen.origin !== request.origin) continue;
        if (
          seen.answered &&
          seen.status !== undefined &&
          request.status !== undefined &&
          seen.status !== request.status
        )
          continue;
        documents.add(seen.documentId ?? `frame ${seen.frameId}`);
        if (!seen.answered) unanswered = true;
        else if (!best || Math.abs(gap) < best[2]) best = [id, seen, Math.abs(gap)];
      }
    if (documents.size > 1) return unanswered ? 'wait' : 'unsure';
    if (!best) return 'wait';
    const [id, { tabId: t, frameId, documentId }] = best;
    return { id, to: documentId === undefined ? { tabId: t, frameId } : { tabId: t, frameId, documentId } };
  }
}
