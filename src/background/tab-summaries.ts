/**
 * Which tabs have SSE connections, and how many are live: the toolbar badge and the popup's list
 * of other tabs. Relays report their documents' counts when they change; this keeps them per tab,
 * in session storage so that a restarted worker still knows, and sets the badge to the tab's live
 * count. A new top document (a navigation) replaces the old page's documents.
 */
import type { DocumentSummary, TabSummary } from '../protocol/messages';

type State = Record<string, Record<string, DocumentSummary>>;

export interface SummaryStorage {
  load(): Promise<State | undefined>;
  save(state: State): Promise<void>;
}

/** A page older than the navigation by this much is the old page. */
const NAVIGATION_SLACK_MS = 1000;

export class TabSummaries {
  private state: State = {};
  private readonly ready: Promise<void>;

  constructor(
    private readonly storage: SummaryStorage,
    private readonly setBadge: (tabId: number, open: number) => void,
    /** Told the live connections per origin across every tab, after each change. */
    private readonly originsChanged: (counts: Record<string, number>) => void = () => undefined,
  ) {
    this.ready = storage
      .load()
      .then((saved) => {
        this.state = { ...saved, ...this.state };
        this.originsChanged(this.byOrigin());
      })
      .catch(() => undefined);
  }

  async update(tabId: number, summary: DocumentSummary): Promise<void> {
    await this.ready;
    let tab = this.state[tabId] ?? {};
    if (summary.top && !tab[summary.docId]) {
      // A new top document: frames that started before it belong to the page it replaced.
      tab = Object.fromEntries(
        Object.entries(tab).filter(([, doc]) => !doc.top && doc.activatedAt >= summary.activatedAt),
      );
    }
    tab[summary.docId] = summary;
    this.state[tabId] = tab;
    await this.changed(tabId);
  }

  /** The tab started loading a page at `time`: what is older than it is gone. */
  async navigated(tabId: number, time: number): Promise<void> {
    await this.ready;
    const tab = this.state[tabId];
    if (!tab) return;
    this.state[tabId] = Object.fromEntries(
      Object.entries(tab).filter(([, doc]) => doc.activatedAt >= time - NAVIGATION_SLACK_MS),
    );
    await this.changed(tabId);
  }

  async closed(tabId: number): Promise<void> {
    await this.ready;
    delete this.state[tabId];
    this.originsChanged(this.byOrigin());
    await this.storage.save(this.state).catch(() => undefined);
  }

  /** Live connections per origin, summed over every tab's documents. */
  byOrigin(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const docs of Object.values(this.state))
      for (const doc of Object.values(docs))
        for (const [origin, n] of Object.entries(doc.byOrigin ?? {})) counts[origin] = (counts[origin] ?? 0) + n;
    return counts;
  }

  /** Tabs with connections, most live first. */
  async list(): Promise<TabSummary[]> {
    await this.ready;
    return Object.entries(this.state)
      .map(([tabId, docs]) => ({
        tabId: Number(tabId),
        open: Object.values(docs).reduce((n, d) => n + d.open, 0),
        connections: Object.values(docs).reduce((n, d) => n + d.connections, 0),
      }))
      .filter((tab) => tab.connections > 0)
      .sort((a, b) => b.open - a.open || a.tabId - b.tabId);
  }

  private async changed(tabId: number): Promise<void> {
    const docs = Object.values(this.state[tabId] ?? {});
    this.setBadge(
      tabId,
      docs.reduce((n, d) => n + d.open, 0),
    );
    if (docs.length === 0) delete this.state[tabId];
    this.originsChanged(this.byOrigin());
    await this.storage.save(this.state).catch(() => undefined);
  }
}
