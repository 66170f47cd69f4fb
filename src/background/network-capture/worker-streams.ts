/**
 * A worker's stream, which no page hook sees: both browsers' network capture follow its request
 * until its answer says whether it is a stream, and send it to the tab's top frame as a
 * `worker-stream` message, whose relay keeps it as a connection of its own.
 */
import { formatOf } from '../../core/stream-format';
import type { Unbranded, WorkerInfo, WorkerStreamMessage } from '../../messages/messages';

/** A request as network capture follows it: a worker's carries what the page would call it. */
export interface FollowedRequest {
  requestedUrl: string;
  /** Epoch ms it started. */
  requestTime: number;
  lastEventId?: string;
  answered: boolean;
  worker?: WorkerInfo;
  stream?: WorkerStreamMessage['stream'];
  method?: string;
  requestHeaders?: [string, string][];
}

/** Whether a response is a stream the page hook would have read (by its type, as the hook decides). */
export const isStream = (contentType: string | undefined, header: (name: string) => string | undefined) =>
  formatOf(contentType) !== undefined || header('x-vercel-ai-data-stream') !== undefined;

/** What the top frame's relay needs to keep a worker's request as a connection. */
export function workerStream(id: string, request: FollowedRequest, time: number): Unbranded<WorkerStreamMessage> {
  const stream: Unbranded<WorkerStreamMessage> = {
    type: 'worker-stream',
    request: id,
    worker: request.worker as WorkerInfo,
    stream: request.stream ?? 'eventsource',
    url: request.requestedUrl,
    requestTime: request.requestTime,
    time,
  };
  if (request.method !== undefined) stream.method = request.method;
  if (request.requestHeaders !== undefined) stream.requestHeaders = request.requestHeaders;
  if (request.lastEventId !== undefined) stream.lastEventId = request.lastEventId;
  return stream;
}
