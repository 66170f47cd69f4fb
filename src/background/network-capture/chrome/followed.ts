/** A request Chrome's debugger follows, and where what it finds goes. */

import type {
  ArrivalBatchMessage,
  ByteChunk,
  Unbranded,
  WorkerSeenMessage,
  WorkerStreamMessage,
} from '../../../messages/messages';
import type { Debuggee } from '../../../platform/browser';
import type { Recipient } from '../../tab-messages';
import type { FlushTimer } from '../byte-batches';
import type { DebuggerRequest } from '../request-bridge';
import type { ByteBatch } from '../types';
import type { FollowedRequest } from '../worker-streams';

export interface Followed extends FollowedRequest {
  /** An EventSource's bytes, or when pieces of a stream the page reads (fetch, XHR) arrived. */
  kind: 'bytes' | 'arrivals';
  tabId: number;
  /**
   * A page's EventSource: its answer is webRequest's to tell (it knows the frame's document); its
   * bytes go to that document under webRequest's id for the request, found by its frame, its
   * document's origin and its status.
   */
  page?: Pick<DebuggerRequest, 'top' | 'origin' | 'status'>;
  /** The session that commands about it go to. */
  session: Debuggee;
  /** The offset from CDP's monotonic seconds to epoch seconds. */
  clock: number;
  chunks: ByteChunk[];
  arrivals: [number, number][];
  timer: FlushTimer;
  /** The document does not want the bytes (not one of its EventSources). */
  dropped: boolean;
  /** Until `streamResourceContent` answered (with the bytes buffered before it). */
  streaming?: Promise<void>;
  /** It was refused: the response was over already, and its body is read whole at its end. */
  unstreamed?: true;
}

/** Where Chrome's network capture's findings go: the relays of the tab's documents. */
export interface DebuggerOutlets {
  bytes(to: Recipient, batch: ByteBatch): Promise<boolean>;
  arrivals(to: Recipient, batch: Unbranded<ArrivalBatchMessage>): void;
  workerStream(to: Recipient, stream: Unbranded<WorkerStreamMessage>): void;
  workerSeen(to: Recipient, seen: Unbranded<WorkerSeenMessage>): void;
  /** Of these tabs, the one to show the streams of a shared worker running this script in, if any. */
  ownerOf(url: string, tabIds: number[]): number | undefined;
  /**
   * Bytes of a page's EventSource (any frame), known here by CDP's request id: the frame's document
   * is found from webRequest's view of the same request. Resolves false when no document wants
   * them, or none is certainly theirs.
   */
  pageBytes(tabId: number, request: DebuggerRequest & { id: string }, batch: ByteBatch): Promise<boolean>;
}

/** Network capture's findings go to the top frame's relay, but a page EventSource's bytes. */
export const topFrame = (tabId: number): Recipient => ({ tabId, frameId: 0 });
