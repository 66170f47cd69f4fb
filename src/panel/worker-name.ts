/** How the panel names a worker: its kind and its script's file (the full URL is the title). */
import type { WorkerKind } from '../core/model';

const KIND_NAMES: Record<WorkerKind, string> = {
  dedicated: 'Dedicated worker',
  shared: 'Shared worker',
  service: 'Service worker',
  worker: 'Worker',
};

export function workerName(worker: { kind: WorkerKind; url: string }): string {
  let file = worker.url;
  try {
    const url = new URL(worker.url);
    file = url.protocol === 'blob:' ? 'blob' : url.pathname.split('/').pop() || url.pathname;
  } catch {
    // Not a URL: shown as it is.
  }
  return `${KIND_NAMES[worker.kind]} ${file}`;
}
