/**
 * Hands the document's resource timing entries to the relay as they come (requests that ended, and
 * the document's own navigation), from the relay's world: the page's view of its entries, its
 * buffer and its observers are untouched.
 */
import type { TimingEntry } from './resource-timing';

interface EntryFields {
  name: string;
  entryType: string;
  initiatorType?: string;
  startTime: number;
  responseEnd?: number;
  nextHopProtocol?: string;
  responseStatus?: number;
  contentType?: string;
}

export function observeResourceTiming(deliver: (entries: TimingEntry[]) => void): void {
  if (typeof PerformanceObserver !== 'function') return;
  const origin = performance.timeOrigin;
  const observer = new PerformanceObserver((list) => {
    const entries = (list.getEntries() as unknown as EntryFields[]).map(
      (e): TimingEntry => ({
        name: e.name,
        initiator: e.entryType === 'navigation' ? 'navigation' : (e.initiatorType ?? ''),
        start: origin + e.startTime,
        end: origin + (e.responseEnd ?? e.startTime),
        httpVersion: typeof e.nextHopProtocol === 'string' ? e.nextHopProtocol : '',
        status: typeof e.responseStatus === 'number' ? e.responseStatus : 0,
        contentType: typeof e.contentType === 'string' ? e.contentType : '',
      }),
    );
    if (entries.length > 0) deliver(entries);
  });
  for (const type of ['navigation', 'resource'])
    try {
      observer.observe({ type, buffered: true });
    } catch {
      // A browser without this entry type: nothing to learn from it.
    }
}
