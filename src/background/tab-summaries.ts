/**
 * Which tabs have SSE connections, and how many are live: the toolbar badge, the popup's list of
 * other tabs, and the live connections per origin the panels warn by. Relays report their
 * documents' counts when they change; this keeps each tab's (bounded: ./tab-state) in session
 * storage, one key per tab, so that a restarted worker still knows, and sets the badge to the
 * tab's live count. A new top document (a navigation) replaces the old page's documents.
 */
import type { DocumentSummary, TabSummary } from '../messages/messages';
import { isEmpty, isTabState, navigated, originsOf, report, type TabState, totals } from './tab-state';

/** What the summaries need of an extension storage area: session storage, or an in-memory one in tests. */
export interface SummaryStorage {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** Live connections per origin across every tab, and the origins each tab has live connections to. */
export interface LiveOrigins {
  counts: ReadonlyMap<string, number>;
  byTab: ReadonlyMap<number, ReadonlySet<string>>;
}

const KEY_PREFIX = 'summary/';
/** A page older than the navigation by this much is the old page. */
const NAVIGATION_SLACK_MS = 1000;
/**
 * Changes are written together this long after the first of them, each tab's state whole under its
 * own key. MV3 may stop the worker at any moment: it then loses the changes of the last few
 * milliseconds, and a key holds a tab's state as it was at one moment, never half of two.
 */
const WRITE_DELAY_MS = 10;

export class TabSummaries {
  private readonly tabs = new Map<number, TabState>();
  /** Tabs changed since the last write. */
  private readonly unsaved = new Set<number>();
  private readonly ready: Promise<void>;

  constructor(
    private readonly storage: SummaryStorage,
    private readonly setBadge: (tabId: number, open: number) => void,
    /** Told after each change. */
    private readonly originsChanged: (live: LiveOrigins) => void = () => undefined,
    private readonly later: (write: () => void, ms: number) => void = (write, ms) => {
      setTimeout(write, ms);
    },
  ) {
    this.ready = storage
      .get(null)
      .then((stored) => {
        for (const [key, value] of Object.entries(stored)) {
          const tabId = key.startsWith(KEY_PREFIX) ? Number(key.slice(KEY_PREFIX.length)) : Number.NaN;
          if (Number.isSafeInteger(tabId) && isTabState(value)) this.tabs.set(tabId, value);
        }
        this.originsChanged(this.liveOrigins());
      })
      .catch(() => undefined);
  }

  async update(tabId: number, summary: DocumentSummary): Promise<void> {
    await this.ready;
    const tab = this.tabs.get(tabId);
    const next = report(tab, summary);
    if (next !== tab) this.changed(tabId, next);
  }

  /** The tab started loading a page at `time`: what is older than it is gone. */
  async navigated(tabId: number, time: number): Promise<void> {
    await this.ready;
    const tab = this.tabs.get(tabId);
    if (tab) this.changed(tabId, navigated(tab, time - NAVIGATION_SLACK_MS));
  }

  async closed(tabId: number): Promise<void> {
    await this.ready;
    if (!this.tabs.delete(tabId)) return;
    this.originsChanged(this.liveOrigins());
    this.save(tabId);
  }

  /** Tabs with connections, most live first. */
  async list(): Promise<TabSummary[]> {
    await this.ready;
    return [...this.tabs]
      .map(([tabId, tab]) => ({ tabId, ...totals(tab) }))
      .filter((tab) => tab.connections > 0)
      .sort((a, b) => b.open - a.open || a.tabId - b.tabId);
  }

  private changed(tabId: number, tab: TabState): void {
    if (isEmpty(tab)) this.tabs.delete(tabId);
    else this.tabs.set(tabId, tab);
    this.setBadge(tabId, totals(tab).open);
    this.originsChanged(this.liveOrigins());
    this.save(tabId);
  }

  private liveOrigins(): LiveOrigins {
    const counts = new Map<string, number>();
    const byTab = new Map<number, ReadonlySet<string>>();
    for (const [tabId, tab] of this.tabs) {
      const own = originsOf(tab);
      if (own.size > 0) byTab.set(tabId, new Set(own.keys()));
      for (const [origin, n] of own) counts.set(origin, (counts.get(origin) ?? 0) + n);
    }
    return { counts, byTab };
  }

  private save(tabId: number): void {
    if (this.unsaved.size === 0) this.later(() => this.write(), WRITE_DELAY_MS);
    this.unsaved.add(tabId);
  }

  private write(): void {
    const items: Record<string, TabState> = {};
    const gone: string[] = [];
    for (const tabId of this.unsaved) {
      const tab = this.tabs.get(tabId);
      if (tab) items[`${KEY_PREFIX}${tabId}`] = tab;
      else gone.push(`${KEY_PREFIX}${tabId}`);
    }
    this.unsaved.clear();
    if (Object.keys(items).length > 0) this.storage.set(items).catch(() => undefined);
    if (gone.length > 0) this.storage.remove(gone).catch(() => undefined);
  }
}
