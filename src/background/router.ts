/**
 * Routes captures between relays (one per document of a tab) and panels (watching a tab).
 *
 * It owns no capture: MV3 stops the worker whenever it likes, and everything here is rebuilt when
 * the ports come back. What it holds is who is connected, each relay's document, and each panel's
 * cursors (the last `seq` it has per document), so that a relay that (re)connects is asked for
 * exactly what the panels are missing.
 */
import type { FaultDetails } from '../core/fault-details';
import type { FaultKind, FrameDocument } from '../core/model';
import { largestCounts, validatePanelToBackground, validateRelayToBackground } from '../messages/guards';
import { type BackgroundToPanel, type BackgroundToRelay, message } from '../messages/messages';
import { type AskFault, routeFault } from './fault-route';
import type { ReplayLine } from './replay-rules';
import type { LiveOrigins } from './tab-summaries';

/** What the router needs of a port: Chrome's, Firefox's, or an in-memory one in tests. */
export interface PortLike {
  postMessage(msg: unknown): void;
  disconnect(): void;
}

export interface PortHandlers {
  onMessage(msg: unknown): void;
  onDisconnect(): void;
}

interface Relay {
  port: PortLike;
  tabId: number;
  frameId: number;
  doc?: FrameDocument;
  /** Panels waiting for a connection's secrets (by connection; 0 for all), which only they get. */
  reveals: Map<number, Set<Panel>>;
}

interface Panel {
  port: PortLike;
  tabId?: number;
  cursors: Map<string, number>;
  /** The counts per origin last sent to it, as JSON. */
  origins?: string;
}

interface Tab {
  relays: Set<Relay>;
  panels: Set<Panel>;
}

/** Asks every frame of a tab to attach; resolves whether the top frame has our content scripts. */
export type AttachTab = (tabId: number) => Promise<boolean>;

/** Told when a tab gains its first panel (`true`) and loses its last (`false`). */
export type WatchTab = (tabId: number, watching: boolean) => void;

export class Router {
  private readonly tabs = new Map<number, Tab>();

  constructor(
    private readonly attachTab: AttachTab,
    private readonly watchTab: WatchTab = () => undefined,
    private readonly askFault: AskFault = () => undefined,
    private readonly replay?: ReplayLine,
  ) {}

  connectRelay(port: PortLike, tabId: number, frameId: number): PortHandlers {
    const relay: Relay = { port, tabId, frameId, reveals: new Map() };
    this.tab(tabId).relays.add(relay);
    return {
      onMessage: (raw) => this.onRelayMessage(relay, raw),
      onDisconnect: () => {
        const tab = this.tabs.get(tabId);
        tab?.relays.delete(relay);
        if (relay.doc) this.toPanels(tabId, message<BackgroundToPanel>({ type: 'doc-gone', docId: relay.doc.docId }));
        this.prune(tabId);
      },
    };
  }

  connectPanel(port: PortLike): PortHandlers {
    const panel: Panel = { port, cursors: new Map() };
    return {
      onMessage: (raw) => this.onPanelMessage(panel, raw),
      onDisconnect: () => {
        if (panel.tabId === undefined) return;
        const tab = this.tabs.get(panel.tabId);
        tab?.panels.delete(panel);
        if (tab && tab.panels.size === 0) {
          for (const relay of tab.relays) relay.port.postMessage(message<BackgroundToRelay>({ type: 'idle' }));
          this.watch(panel.tabId, false);
        }
        this.prune(panel.tabId);
      },
    };
  }

  /** How many relays and panels are connected for a tab (for tests and diagnostics). */
  census(tabId: number): { relays: number; panels: number } {
    const tab = this.tabs.get(tabId);
    return { relays: tab?.relays.size ?? 0, panels: tab?.panels.size ?? 0 };
  }

  private onRelayMessage(relay: Relay, raw: unknown): void {
    const msg = validateRelayToBackground(raw);
    if (!msg) return;
    const panels = this.tabs.get(relay.tabId)?.panels;
    if (msg.type === 'hello') {
      if (relay.doc && relay.doc.docId !== msg.doc.docId) return;
      // An adopted capture (a frame gone, served by the top frame's relay) keeps its own frame id.
      relay.doc = { ...msg.doc, frameId: msg.doc.gone?.frameId ?? relay.frameId };
      if (!panels || panels.size === 0) {
        relay.port.postMessage(message<BackgroundToRelay>({ type: 'idle' }));
        return;
      }
      for (const panel of panels) panel.port.postMessage(message<BackgroundToPanel>({ type: 'doc', doc: relay.doc }));
      this.sync(relay, panels);
      return;
    }
    // A relay speaks for its own document only.
    if (!relay.doc || msg.docId !== relay.doc.docId || !panels) return;
    if (msg.type === 'revealed') {
      // Secrets go to the panels that asked for them, and to no other.
      const asked = relay.reveals.get(msg.conn);
      for (const panel of asked ?? []) if (panels.has(panel)) panel.port.postMessage(message<BackgroundToPanel>(msg));
      if (msg.done) relay.reveals.delete(msg.conn);
      return;
    }
    const { docId, last, records, upTo } = msg;
    const batch = { type: 'records', docId, last, records } as const;
    for (const panel of panels) {
      panel.port.postMessage(message<BackgroundToPanel>(upTo === undefined ? batch : { ...batch, upTo }));
      if (last > (panel.cursors.get(docId) ?? 0)) panel.cursors.set(docId, last);
    }
  }

  private onPanelMessage(panel: Panel, raw: unknown): void {
    const msg = validatePanelToBackground(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'subscribe': {
        if (panel.tabId !== undefined) return;
        panel.tabId = msg.tabId;
        panel.cursors = new Map(Object.entries(msg.cursors));
        const tab = this.tab(msg.tabId);
        tab.panels.add(panel);
        if (tab.panels.size === 1) this.watch(msg.tabId, true);
        for (const relay of tab.relays) {
          if (!relay.doc) continue;
          panel.port.postMessage(message<BackgroundToPanel>({ type: 'doc', doc: relay.doc }));
          this.sync(relay, new Set([panel]));
        }
        this.attach(panel);
        this.sendOrigins(panel);
        this.replay?.subscribed(msg.tabId, (reply) => panel.port.postMessage(reply));
        return;
      }
      case 'resync': {
        if (panel.tabId === undefined) return;
        panel.cursors.set(msg.docId, msg.after);
        for (const relay of this.tabs.get(panel.tabId)?.relays ?? []) {
          if (relay.doc?.docId === msg.docId) this.sync(relay, new Set([panel]));
        }
        return;
      }
      case 'attach':
        this.attach(panel);
        return;
      case 'reveal':
        this.reveal(panel, msg.docId, msg.conn);
        return;
      case 'fault':
        this.fault(panel, msg.docId, msg.conn, msg.url, msg.fault, {
          inject: msg.inject,
          ms: msg.ms,
          replayed: msg.replayed,
        });
        return;
      case 'replay-rules':
      case 'replay-step':
        if (panel.tabId !== undefined)
          this.replay?.fromPanel(panel.tabId, msg, (reply) => panel.port.postMessage(reply));
        return;
      case 'ping':
        return;
    }
  }

  /** Asks the relay of a document of the panel's tab for secrets; with no such relay, the answer is that none are kept. */
  private reveal(panel: Panel, docId: string, conn: number): void {
    if (panel.tabId === undefined) return;
    const relay = [...(this.tabs.get(panel.tabId)?.relays ?? [])].find((r) => r.doc?.docId === docId);
    if (!relay) {
      panel.port.postMessage(message<BackgroundToPanel>({ type: 'revealed', docId, conn, records: '[]', done: true }));
      return;
    }
    let asked = relay.reveals.get(conn);
    if (!asked) {
      asked = new Set();
      relay.reveals.set(conn, asked);
    }
    asked.add(panel);
    relay.port.postMessage(message<BackgroundToRelay>({ type: 'reveal', conn }));
  }

  /**
   * A fault on a connection of a live document of the panel's own tab, never another's; once it
   * took effect, that document's relay records it (the panel learns it as any record).
   */
  private fault(panel: Panel, docId: string, conn: number, url: string, fault: FaultKind, details: FaultDetails): void {
    const tabId = panel.tabId;
    if (tabId === undefined) return;
    const relayOf = () => [...(this.tabs.get(tabId)?.relays ?? [])].find((r) => r.doc?.docId === docId && !r.doc.gone);
    if (relayOf()) routeFault(() => relayOf()?.port, this.askFault, { tabId, conn, url, fault, details });
  }

  /** The HTTP details are extra: a browser that refuses to give them must not cost the capture. */
  private watch(tabId: number, watching: boolean): void {
    try {
      this.watchTab(tabId, watching);
    } catch {
      // Without them, the panel says it cannot tell why a connection failed.
    }
  }

  /** Asks a relay for everything after the lowest cursor among these panels. */
  private sync(relay: Relay, panels: Set<Panel>): void {
    if (!relay.doc) return;
    let after = Number.POSITIVE_INFINITY;
    for (const panel of panels) after = Math.min(after, panel.cursors.get(relay.doc.docId) ?? 0);
    // The typed array tells the relay whether messaging is structured clone (see `sync`).
    const clone = new Uint8Array(1);
    relay.port.postMessage(
      message<BackgroundToRelay>({ type: 'sync', after: Number.isFinite(after) ? after : 0, clone }),
    );
  }

  private attach(panel: Panel): void {
    const tabId = panel.tabId;
    if (tabId === undefined) return;
    this.attachTab(tabId).then(
      (reachable) => panel.port.postMessage(message<BackgroundToPanel>({ type: 'attached', reachable })),
      () => panel.port.postMessage(message<BackgroundToPanel>({ type: 'attached', reachable: false })),
    );
  }

  /** Live SSE connections per origin across every tab, and each tab's origins. */
  private origins: LiveOrigins = { counts: new Map(), byTab: new Map() };

  setOrigins(origins: LiveOrigins): void {
    this.origins = origins;
    for (const tab of this.tabs.values()) for (const panel of tab.panels) this.sendOrigins(panel);
  }

  /**
   * Sends a panel, when they changed, the counts it can use: those of the origins its tab has live
   * connections to (the largest, past what a message carries), counted across every tab. A new
   * panel starts with none.
   */
  private sendOrigins(panel: Panel): void {
    if (panel.tabId === undefined) return;
    const own = this.origins.byTab.get(panel.tabId) ?? [];
    const counts = largestCounts(
      [...own].map((origin): [string, number] => [origin, this.origins.counts.get(origin) ?? 0]),
    );
    const json = JSON.stringify(counts);
    if (json === (panel.origins ?? '{}')) return;
    panel.origins = json;
    panel.port.postMessage(message<BackgroundToPanel>({ type: 'origins', counts }));
  }

  toPanels(tabId: number, msg: BackgroundToPanel): void {
    for (const panel of this.tabs.get(tabId)?.panels ?? []) panel.port.postMessage(msg);
  }

  private tab(tabId: number): Tab {
    let tab = this.tabs.get(tabId);
    if (!tab) {
      tab = { relays: new Set(), panels: new Set() };
      this.tabs.set(tabId, tab);
    }
    return tab;
  }

  private prune(tabId: number): void {
    const tab = this.tabs.get(tabId);
    if (tab && tab.relays.size === 0 && tab.panels.size === 0) this.tabs.delete(tabId);
  }
}
