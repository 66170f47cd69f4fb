/**
 * Firefox serves a replay rule to a page's own EventSource: its request is redirected, before it
 * leaves, to the requesting document's URL (same origin, and known to answer 200); when that
 * answer's headers are in, its content type becomes the recording's and a stream filter writes the
 * recording in place of its body, at the rule's pace, then closes (filter-player.ts). The
 * EventSource stays the browser's (trusted events, its own readyState) and reconnects by itself,
 * with Last-Event-ID, after `retry`, to the URL it was redirected to (Firefox's way): the fragment
 * there names the connection, so the reconnect gets the recording's next response; past the last,
 * the request is cancelled, which fails the EventSource for good as a 204 would (measured,
 * NETWORK-LAB §4.3). A fragment never reaches the server, and `es.url` stays the page's.
 *
 * Only the tab's rules, from the worker, steer this; the tab and the document are the browser's
 * word. A request of another origin than its document's is left alone: a cross-origin redirect
 * fails CORS (measured), so the page hook answers those with its stand-in and none leaves.
 */
import type { Player } from '../../core/replay-player';
import { type ReplayResponse, type ReplayRule, ruleFor } from '../../core/replay-rule';
import type { ReplayStep } from '../../messages/messages';
import type { StreamFilter } from '../../platform/browser';
import { REDIRECT } from '../http-observer';
import type { Header } from '../request-listeners';
import { playIntoFilter } from './filter-player';
import type { ListenForReplay, ReplayRequest, Steer } from './replay-listeners';

/** A page's EventSource a rule answers, over its reconnects. */
interface Connection {
  tabId: number;
  document: string;
  ruleId: string;
  /** The URL the page asked for: where a reconnect goes once the rule is off. */
  url: string;
  /** Responses of the recording it had. */
  turn: number;
}

/** A request being served a response, until the response is over. */
interface Served {
  connection: Connection;
  rule: ReplayRule;
  response: ReplayResponse;
  player?: Player;
}

/** Connections kept at most (the oldest go first): each is a few strings until its tab closes. */
const MAX_CONNECTIONS = 256;
const FRAGMENT = '#sse-scope-replay-';

const originOf = (url: string | undefined): string | undefined => {
  try {
    return url === undefined ? undefined : new URL(url).origin;
  } catch {
    return undefined;
  }
};

const isEventStream = (type: string) => /^text\/event-stream\s*(;|$)/i.test(type);
const documentOf = (d: ReplayRequest) => d.documentId ?? `frame ${d.frameId}`;
const randomToken = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/** The document's headers with the recording's content type, and no length or encoding of the body it replaces. */
function replacedHeaders(headers: Header[] | undefined, contentType: string): Header[] {
  const kept = (headers ?? []).filter((h) => !/^(content-type|content-length|content-encoding)$/i.test(h.name));
  kept.push({ name: 'Content-Type', value: contentType });
  return kept;
}

export class NativeReplay {
  /** The rules on, per tab that has any. */
  private readonly tabs = new Map<number, ReplayRule[]>();
  private readonly connections = new Map<string, Connection>();
  private readonly served = new Map<string, Served>();
  /** Rules the user paused, as `tabId rule`. */
  private readonly paused = new Set<string>();
  private unlisten: (() => void) | undefined;

  constructor(
    private readonly filter: (requestId: string) => StreamFilter,
    private readonly listen: ListenForReplay,
  ) {}

  /** The tab's rules that are on now (none: its requests go to their servers again, from the next one). */
  setRules(tabId: number, rules: ReplayRule[]): void {
    if (rules.length > 0) this.tabs.set(tabId, rules);
    else this.tabs.delete(tabId);
    this.listening();
  }

  /** The user's step for a rule: the tab's responses of it playing now take it. */
  step(tabId: number, rule: string, step: ReplayStep): void {
    if (step === 'pause') this.paused.add(`${tabId} ${rule}`);
    if (step === 'resume') this.paused.delete(`${tabId} ${rule}`);
    for (const { connection, player } of this.served.values()) {
      if (connection.tabId !== tabId || connection.ruleId !== rule || !player) continue;
      if (step === 'next') player.step();
      else if (step === 'pause') player.pause();
      else player.resume();
    }
  }

  /** The tab closed: everything of it goes. */
  forget(tabId: number): void {
    this.tabs.delete(tabId);
    for (const [requestId, { connection, player }] of this.served)
      if (connection.tabId === tabId) {
        player?.stop();
        this.served.delete(requestId);
      }
    for (const [token, connection] of this.connections) if (connection.tabId === tabId) this.connections.delete(token);
    for (const key of this.paused) if (key.startsWith(`${tabId} `)) this.paused.delete(key);
    this.listening();
  }

  /** For tests and diagnostics: whether the listeners are there, responses playing, connections kept. */
  get state(): { listening: boolean; serving: number; connections: number } {
    return { listening: this.unlisten !== undefined, serving: this.served.size, connections: this.connections.size };
  }

  private listening(): void {
    if (this.tabs.size > 0 && !this.unlisten)
      this.unlisten = this.listen({
        beforeRequest: (d) => this.beforeRequest(d),
        headersReceived: (d) => this.headersReceived(d),
        failed: (d) => this.gone(d.requestId),
      });
    else if (this.tabs.size === 0 && this.unlisten) {
      this.unlisten();
      this.unlisten = undefined;
    }
  }

  private beforeRequest(d: ReplayRequest): Steer {
    const rules = this.tabs.get(d.tabId);
    // A request served already comes back here as it is redirected.
    if (!rules || this.served.has(d.requestId)) return undefined;
    const at = d.url.indexOf(FRAGMENT);
    if (at >= 0) return this.reconnect(d, rules, d.url.slice(at + FRAGMENT.length));
    const rule = ruleFor(rules, d.url);
    const to = d.documentUrl?.split('#')[0];
    if (!rule || to === undefined || originOf(to) !== originOf(d.url)) return undefined;
    const token = randomToken();
    const connection: Connection = { tabId: d.tabId, document: documentOf(d), ruleId: rule.id, url: d.url, turn: 0 };
    this.connections.set(token, connection);
    for (const old of this.connections.keys()) {
      if (this.connections.size <= MAX_CONNECTIONS) break;
      this.connections.delete(old);
    }
    return this.serve(d.requestId, token, connection, rule) ?? { redirectUrl: `${to}${FRAGMENT}${token}` };
  }

  /** A reconnect of a connection served before: the next response, or its own server once the rule is off. */
  private reconnect(d: ReplayRequest, rules: ReplayRule[], token: string): Steer {
    const connection = this.connections.get(token);
    if (!connection || connection.tabId !== d.tabId || connection.document !== documentOf(d)) return undefined;
    const rule = rules.find((r) => r.id === connection.ruleId);
    if (!rule) {
      this.connections.delete(token);
      return { redirectUrl: connection.url };
    }
    return this.serve(d.requestId, token, connection, rule);
  }

  /** The connection's next response is served to this request; or, past the recording or a failure recorded, it fails. */
  private serve(requestId: string, token: string, connection: Connection, rule: ReplayRule): Steer {
    const response = rule.responses[connection.turn++];
    if (response?.status !== 200 || !isEventStream(response.contentType)) {
      this.connections.delete(token);
      return { cancel: true };
    }
    this.served.set(requestId, { connection, rule, response });
    return undefined;
  }

  private headersReceived(d: ReplayRequest): Steer {
    const served = this.served.get(d.requestId);
    if (!served || served.player || (d.statusCode !== undefined && REDIRECT.has(d.statusCode))) return undefined;
    let filter: StreamFilter | undefined;
    try {
      // The document's URL no longer answers 200: no body can be put in its place.
      if (d.statusCode === 200) filter = this.filter(d.requestId);
    } catch {
      filter = undefined;
    }
    if (!filter) {
      this.gone(d.requestId);
      return { cancel: true };
    }
    const { connection, rule, response } = served;
    const paused = this.paused.has(`${connection.tabId} ${rule.id}`);
    served.player = playIntoFilter(filter, response, rule.pace, paused, {
      played: () => this.served.delete(d.requestId),
      gone: () => this.gone(d.requestId),
    });
    return { responseHeaders: replacedHeaders(d.responseHeaders, response.contentType) };
  }

  /** A request being served went away before its response ended: its connection is over. */
  private gone(requestId: string): void {
    const served = this.served.get(requestId);
    if (!served) return;
    served.player?.stop();
    this.served.delete(requestId);
    for (const [token, connection] of this.connections)
      if (connection === served.connection) this.connections.delete(token);
  }
}
