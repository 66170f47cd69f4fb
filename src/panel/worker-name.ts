/** How the panel names a worker: its kind and its script's file (the full URL is the title). */

import type { WorkerKind } from '../core/model';
import { type MessageKey, t } from '../ui/text/catalogue';

const KIND_NAMES: Record<WorkerKind, MessageKey> = {
  dedicated: 'worker_dedicated',
  shared: 'worker_shared',
  service: 'worker_service',
  worker: 'worker_any',
};

export function workerName(worker: { kind: WorkerKind; url: string }): string {
  let file = worker.url;
  try {
    const url = new URL(worker.url);
    file = url.protocol === 'blob:' ? 'blob' : url.pathname.split('/').pop() || url.pathname;
  } catch {
    // Not a URL: shown as it is.
  }
  return t(KIND_NAMES[worker.kind], { file });
}
