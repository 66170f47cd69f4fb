/**
 * The captures of a tab's frames of other origins that went away (removed, or navigated) while
 * their page lives on. A same-origin frame hands its capture to the top frame's relay, in the
 * page's own process; another origin's capture must not go there (Site Isolation keeps another
 * site's data out of the embedder's renderer), so the worker holds it until a panel takes it, and
 * serves it as a relay serves its own: each held document connects to the router like a relay,
 * says hello, and answers `sync` with what follows the cursor. Its secrets were masked before it
 * left its frame, so a `reveal` finds none.
 *
 * MV3 stops the worker when it likes, so every part is also written to session storage (in the
 * browser process, never a page's), and read back when the worker starts. A tab keeps at most
 * HELD_CHARS of them: a part past that is let go.
 */
import { isBackgroundToRelay, validateRelayToBackgroundOneShot } from '../messages/guards';
import { type Adoption, message, type RelayToBackground, type RelayToBackgroundOneShot } from '../messages/messages';
import type { PortHandlers, PortLike } from './router';

/** What one tab may hold, in characters of the parts' JSON text. */
export const HELD_CHARS = 1 << 25;
const KEY_PREFIX = 'held/';

/** What the worker's session storage offers this (`browser.storage.session`). */
export interface HeldStorage {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** Connects a held document to the router, as a relay's port would. */
export type ConnectHeld = (port: PortLike, tabId: number, frameId: number) => PortHandlers;

interface Part {
  last: number;
  text: string;
}

interface Held {
  tabId: number;
  docId: string;
  activatedAt: number;
  parts: Part[];
  /** Its parts' keys in session storage, and their size. */
  keys: string[];
  chars: number;
  handlers: PortHandlers;
  /** A panel watches: new parts go on at once. */
  live: boolean;
}

/** A part as session storage keeps it: the tab, and the frame's message as it came (checked again when read). */
interface Stored {
  tabId: number;
  adoption: RelayToBackgroundOneShot;
}

const isStored = (x: unknown): x is Stored =>
  typeof x === 'object' && x !== null && Number.isSafeInteger((x as Stored).tabId);

const NO_HANDLERS: PortHandlers = { onMessage: () => undefined, onDisconnect: () => undefined };

export class HeldCaptures {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly storage: HeldStorage,
    private readonly connect: ConnectHeld,
  ) {
    void storage
      .get(null)
      .then((items) => {
        for (const [key, value] of Object.entries(items)) {
          if (!key.startsWith(KEY_PREFIX) || !isStored(value)) continue;
          const adoption = validateRelayToBackgroundOneShot(value.adoption);
          if (adoption?.type === 'adopt') this.keep(value.tabId, adoption, key);
        }
      })
      .catch(() => undefined);
  }

  /** Documents held for a tab (for tests and diagnostics). */
  count(tabId: number): number {
    return [...this.held.values()].filter((h) => h.tabId === tabId).length;
  }

  /** A part of a frame's capture (its `doc.gone` set), to hold for the tab. */
  add(tabId: number, adoption: Adoption): void {
    const key = `${KEY_PREFIX}${tabId}/${adoption.doc.docId}/${adoption.last}`;
    if (!this.keep(tabId, adoption, key)) return;
    // Session storage may be full: then it is held in memory only, until the worker stops.
    const stored: Stored = { tabId, adoption: message<RelayToBackgroundOneShot>(adoption) };
    this.storage.set({ [key]: stored }).catch(() => undefined);
  }

  /** The tab began loading another page at `time` (epoch ms): what its old page's frames left goes. */
  navigated(tabId: number, time: number): void {
    for (const held of this.held.values()) if (held.tabId === tabId && held.activatedAt < time) this.drop(held);
  }

  forget(tabId: number): void {
    for (const held of this.held.values()) if (held.tabId === tabId) this.drop(held);
  }

  /** Holds a part; false when it is not one, or the tab holds too much already. */
  private keep(tabId: number, adoption: Adoption, key: string): boolean {
    const { doc, last } = adoption;
    const held = this.held.get(doc.docId);
    if (!doc.gone || (held && held.tabId !== tabId)) return false;
    const text = JSON.stringify(adoption.records);
    let used = text.length;
    for (const other of this.held.values()) if (other.tabId === tabId) used += other.chars;
    if (used > HELD_CHARS) return false;
    const part = { last, text };
    if (held) {
      held.parts.push(part);
      held.keys.push(key);
      held.chars += text.length;
      if (held.live) this.send(held, part);
      return true;
    }
    const entry: Held = {
      tabId,
      docId: doc.docId,
      activatedAt: doc.activatedAt,
      parts: [part],
      keys: [key],
      chars: text.length,
      live: false,
      handlers: NO_HANDLERS,
    };
    entry.handlers = this.connect(this.portOf(entry), tabId, doc.gone.frameId);
    this.held.set(doc.docId, entry);
    entry.handlers.onMessage(message<RelayToBackground>({ type: 'hello', doc }));
    return true;
  }

  /** What the router says to a held document, as to a relay. */
  private portOf(held: Held): PortLike {
    return {
      postMessage: (msg: unknown) => {
        if (!isBackgroundToRelay(msg)) return;
        if (msg.type === 'idle') held.live = false;
        else if (msg.type === 'fault')
          return; // a document gone has no live connection to break
        else if (msg.type === 'reveal')
          held.handlers.onMessage(
            message<RelayToBackground>({
              type: 'revealed',
              docId: held.docId,
              conn: msg.conn,
              records: '[]',
              done: true,
            }),
          );
        else {
          // Whole parts: the panel applies each record once, so those at or before the cursor are skipped there.
          for (const part of held.parts) if (part.last > msg.after) this.send(held, part);
          held.live = true;
        }
      },
      disconnect: () => undefined,
    };
  }

  private send(held: Held, part: Part): void {
    held.handlers.onMessage(
      message<RelayToBackground>({ type: 'records', docId: held.docId, last: part.last, records: part.text }),
    );
  }

  private drop(held: Held): void {
    this.held.delete(held.docId);
    held.handlers.onDisconnect();
    this.storage.remove(held.keys).catch(() => undefined);
  }
}
