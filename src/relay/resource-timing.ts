/**
 * What the page's resource timing tells, read in the relay's own world at no cost to the page:
 *
 * - the HTTP version the browser speaks to each origin (`nextHopProtocol` of any request to it, the
 *   page's own navigation included), which decides whether six connections per origin is a limit;
 * - the status and content type of the response that failed an EventSource, for a connection whose
 *   request no panel watched. Firefox tells them for every response; Chromium only for one read to
 *   its end (a failed request reads status 0), so there this tells nothing more.
 *
 * The entry file feeds the entries from a PerformanceObserver; this keeps no extension API, so that
 * it runs in a unit test as in a page.
 */
import type { ConnectionRecord, HttpVersionRecord } from '../core/model';
import { knownOrigin } from '../core/origin';
import type { HttpObservation } from '../messages/messages';

/** One resource timing entry, in the page's epoch milliseconds. */
export interface TimingEntry {
  /** The URL requested (before redirects). */
  name: string;
  /** `navigation`, or the resource's `initiatorType` (`other` for an EventSource). */
  initiator: string;
  start: number;
  end: number;
  /** ALPN (`http/1.1`, `h2`, `h3`); empty when the browser does not say (cross-origin, cached). */
  httpVersion: string;
  /** 0 when the browser does not say. */
  status: number;
  contentType: string;
}

/** Origins remembered at most (a page that talks to more keeps its first ones). */
const MAX_ORIGINS = 64;
/** Connections waiting for their origin's HTTP version, at most. */
const MAX_WAITING = 256;

export class ResourceTimings {
  private readonly httpVersions = new Map<string, string>();
  /** Connections not yet told their origin's HTTP version, by origin. */
  private readonly waiting = new Map<string, number[]>();
  private waitingCount = 0;
  /** The URLs of this document's EventSources: only their requests' entries are looked at. */
  private readonly eventSourceUrls = new Set<string>();

  /** Follows a new connection: its http-version record, when its origin's is known already. */
  follow(record: ConnectionRecord, time: number): HttpVersionRecord | undefined {
    if (record.type === 'eventsource' && this.eventSourceUrls.size < MAX_WAITING) this.eventSourceUrls.add(record.url);
    const origin = knownOrigin(record.url);
    if (origin === undefined) return undefined;
    const httpVersion = this.httpVersions.get(origin);
    if (httpVersion !== undefined) return { kind: 'http-version', time, conn: record.conn, httpVersion };
    if (this.waitingCount < MAX_WAITING) {
      this.waiting.set(origin, [...(this.waiting.get(origin) ?? []), record.conn]);
      this.waitingCount++;
    }
    return undefined;
  }

  /**
   * New entries: http-version records for the connections that waited for their origin's, and what an
   * EventSource's finished request answered (status and type, when the browser tells them).
   */
  entries(
    entries: readonly TimingEntry[],
    time: number,
  ): { told: HttpVersionRecord[]; observations: HttpObservation[] } {
    const told: HttpVersionRecord[] = [];
    const observations: HttpObservation[] = [];
    for (const entry of entries) {
      if (entry.httpVersion !== '') {
        const origin = knownOrigin(entry.name);
        if (origin !== undefined && !this.httpVersions.has(origin) && this.httpVersions.size < MAX_ORIGINS) {
          this.httpVersions.set(origin, entry.httpVersion);
          for (const conn of this.waiting.get(origin) ?? [])
            told.push({ kind: 'http-version', time, conn, httpVersion: entry.httpVersion });
          this.waitingCount -= this.waiting.get(origin)?.length ?? 0;
          this.waiting.delete(origin);
        }
      }
      if (entry.initiator !== 'other' || entry.status === 0 || !this.eventSourceUrls.has(entry.name)) continue;
      // A response that opened a stream says nothing the page did not see; one that did not is
      // always the request that failed the connection (nothing reconnects after it).
      if (entry.status === 200 && /^text\/event-stream\b/i.test(entry.contentType)) continue;
      const observation: HttpObservation = {
        time: entry.end,
        url: entry.name,
        requestedUrl: entry.name,
        requestTime: entry.start,
        status: entry.status,
        via: 'timing',
      };
      if (entry.contentType !== '') observation.contentType = entry.contentType;
      observations.push(observation);
    }
    return { told, observations };
  }
}
