/**
 * Breaks a tab's next EventSource reconnect to a URL in Firefox as it opens: when its response's
 * headers are in, a stream filter closes it before a byte reaches the page, which sees `open`,
 * then `error`, and retries with the same Last-Event-ID (as after `drop`). The request reaches the
 * server. Failing it unsent is not offered: Firefox's EventSource gives up for good on a request
 * an extension cancels (webRequest's `cancel` aborts it; measured), and no extension can answer
 * one with a status of its own.
 */
import { maskUrl } from '../../../core/secrets';
import type { Recipient } from '../../tab-messages';

interface Armed {
  tabId: number;
  /** The connection's URL as the panel has it (secrets masked). */
  url: string;
  applied: () => void;
}

export class ReconnectCuts {
  private armed: Armed[] = [];

  constructor(private readonly cut: (requestId: string) => boolean) {}

  /** Faults waiting for a response (for tests and diagnostics). */
  get waiting(): number {
    return this.armed.length;
  }

  /** Cuts the tab's next EventSource response from `url`. */
  arm(tabId: number, url: string, applied: () => void): void {
    this.armed.push({ tabId, url, applied });
  }

  /** A stream's response is in (headers listener): true when a fault waited for it and cut it. */
  answered(requestId: string, to: Recipient, url: string | undefined): boolean {
    if (this.armed.length === 0 || url === undefined) return false;
    const at = this.armed.findIndex((a) => a.tabId === to.tabId && a.url === maskUrl(url));
    if (at < 0 || !this.cut(requestId)) return false;
    this.armed.splice(at, 1)[0]?.applied();
    return true;
  }

  /** Only tabs network capture is still on for keep their faults. */
  keep(tabs: ReadonlySet<number>): void {
    this.armed = this.armed.filter((a) => tabs.has(a.tabId));
  }
}
