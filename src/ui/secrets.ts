/**
 * Secrets the user asked to see. Every record reaches the panel with its secrets masked; the relay
 * that captured a connection keeps them whole, and sends them (through the worker, to this panel
 * only) when asked: to show one connection's request as it was, to copy it, or to export with
 * secrets. What comes back is kept only while it is shown, and never goes into the capture store.
 */
import { signal } from '@preact/signals';
import type { CaptureRecord } from '../core/model';
import { isMasked } from '../core/secrets';
import { withSecrets } from '../core/store/revealed';
import type { ConnectionView } from '../core/store/views';
import { validateCaptureRecord } from '../core/validate-record';
import type { CaptureSource } from '../files/capture-file';
import type { RevealedSecrets } from '../messages/messages';

/** How long an answer may take before the secrets count as not kept (the page went, or its relay is gone). */
const ANSWER_MS = 5000;

/** Asks a document's relay for a connection's secrets (`conn` 0: every connection's). */
export type AskForSecrets = (docId: string, conn: number) => void;

interface Asking {
  records: CaptureRecord[];
  done: Array<(records: CaptureRecord[]) => void>;
}

/** A connection's number in its document (its key is `docId/conn`). */
const connOf = (connection: ConnectionView): number => Number(connection.key.slice(connection.docId.length + 1));

/** Records of a `revealed` part, each checked as any record from a relay is. */
function recordsOf(text: string): CaptureRecord[] {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(items)) return [];
  return items.map(validateCaptureRecord).filter((record): record is CaptureRecord => record !== null);
}

export function createSecrets() {
  /** Whole records by connection key, for the connections whose secrets are shown. */
  const shown = signal<ReadonlyMap<string, readonly CaptureRecord[]>>(new Map());
  const asking = new Map<string, Asking>();
  let ask: AskForSecrets | undefined;

  /** A document's (or a connection's) secrets, once its relay answered; none when it cannot. */
  function fetch(docId: string, conn: number): Promise<CaptureRecord[]> {
    if (!ask) return Promise.resolve([]);
    const key = `${docId}/${conn}`;
    return new Promise((resolve) => {
      let entry = asking.get(key);
      if (!entry) {
        entry = { records: [], done: [] };
        asking.set(key, entry);
        ask?.(docId, conn);
        setTimeout(() => finish(key), ANSWER_MS);
      }
      entry.done.push(resolve);
    });
  }

  function finish(key: string): void {
    const entry = asking.get(key);
    if (!entry) return;
    asking.delete(key);
    for (const resolve of entry.done) resolve(entry.records);
  }

  return {
    shown,
    /** How this panel asks (the worker link sets it; an imported file has none, and keeps no secrets). */
    connect(asker: AskForSecrets): void {
      ask = asker;
    },
    /** A part of an answer from a relay. */
    receive(msg: Pick<RevealedSecrets, 'docId' | 'conn' | 'records' | 'done'>): void {
      const entry = asking.get(`${msg.docId}/${msg.conn}`);
      if (!entry) return;
      for (const record of recordsOf(msg.records)) entry.records.push(record);
      if (msg.done) finish(`${msg.docId}/${msg.conn}`);
    },
    /** Shows a connection's secrets; resolves whether any were kept. */
    async show(connection: ConnectionView): Promise<boolean> {
      const records = await fetch(connection.docId, connOf(connection));
      if (records.length === 0) return false;
      shown.value = new Map(shown.value).set(connection.key, records);
      return true;
    },
    /** The connection with its secrets, for one copy (not shown); as it is when none were kept. */
    async unmasked(connection: ConnectionView): Promise<ConnectionView> {
      return withSecrets(connection, await fetch(connection.docId, connOf(connection)));
    },
    hide(connection: ConnectionView): void {
      const next = new Map(shown.value);
      next.delete(connection.key);
      shown.value = next;
    },
    /** The connection as shown: with its secrets when the user asked to see them. */
    view(connection: ConnectionView): ConnectionView {
      const whole = shown.value.get(connection.key);
      return whole ? withSecrets(connection, whole) : connection;
    },
    /**
     * What an export takes, with every secret the relays kept put back (for that one export); and
     * how many of its connections had secrets masked that no relay could give any more.
     */
    async whole(source: CaptureSource): Promise<{ source: CaptureSource; missing: number }> {
      const docs = [...new Set(source.connections.map((c) => c.docId))];
      const answers = new Map(await Promise.all(docs.map(async (docId) => [docId, await fetch(docId, 0)] as const)));
      let missing = 0;
      const views = new Map<ConnectionView, ConnectionView>();
      for (const connection of source.connections) {
        const conn = connOf(connection);
        const whole = (answers.get(connection.docId) ?? []).filter((record) => record.conn === conn);
        if (whole.length === 0 && hasMasked(connection)) missing++;
        views.set(connection, withSecrets(connection, whole));
      }
      const viewOf = (c: ConnectionView) => views.get(c) ?? c;
      return {
        source: {
          ...source,
          connections: source.connections.map(viewOf),
          events: source.events.map((e) => (views.has(e.connection) ? { ...e, connection: viewOf(e.connection) } : e)),
          findings: source.findings && {
            ...source.findings,
            byConnection: new Map([...source.findings.byConnection].map(([c, found]) => [viewOf(c), found])),
          },
        },
        missing,
      };
    },
  };
}

export type Secrets = ReturnType<typeof createSecrets>;

/** Whether something the panel shows of a connection came masked. */
export function hasMasked(connection: ConnectionView): boolean {
  const masked = (text: string | undefined) => text !== undefined && isMasked(text);
  return (
    masked(connection.url) ||
    masked(connection.request?.body) ||
    (connection.request?.headers ?? []).some(([, value]) => masked(value)) ||
    masked(connection.response?.url) ||
    (connection.response?.headers ?? []).some(([, value]) => masked(value)) ||
    masked(connection.http?.url) ||
    masked(connection.worker?.url)
  );
}
