/**
 * What an AG-UI run showed beside its answer: which thread and run, its state as the client holds
 * it after every snapshot and patch (and each change, so the view can say how it changed), the
 * last messages snapshot, its steps, and how it ended. A patch that fails leaves the state as it
 * was, as the AG-UI client does, and is kept with why it failed.
 */
import { applyPatch, PatchError } from '../json-patch';
import { isObject } from '../plain-object';

export interface StateChange {
  time: number;
  /** A `STATE_SNAPSHOT` replaced the state; a `STATE_DELTA` patched it. */
  kind: 'snapshot' | 'delta';
  /** A delta's operations, as the wire named them. */
  ops: { op: string; path: string; from?: string }[];
  /** Why a delta did not apply: the failing operation and what was wrong. */
  failed?: { index: number; kind: PatchError['kind'] };
}

export interface AgUiRun {
  threadId?: string;
  runId?: string;
  /** The state: the request's, then after each snapshot and delta; undefined until one is known. */
  state?: unknown;
  changes: StateChange[];
  /** The last `MESSAGES_SNAPSHOT`'s messages. */
  messages?: unknown[];
  steps: { name: string; start: number; end?: number }[];
  /** `RUN_FINISHED`'s outcome (`success`, `interrupt`, `cancelled`) and result, as JSON text. */
  outcome?: string;
  result?: string;
}

export const newRun = (): AgUiRun => ({ changes: [], steps: [] });

function opsOf(delta: unknown): StateChange['ops'] {
  if (!Array.isArray(delta)) return [];
  return delta.map((op) => {
    const entry: StateChange['ops'][number] = {
      op: isObject(op) && typeof op.op === 'string' ? op.op : '?',
      path: isObject(op) && typeof op.path === 'string' ? op.path : '?',
    };
    if (isObject(op) && typeof op.from === 'string') entry.from = op.from;
    return entry;
  });
}

export function snapshotState(run: AgUiRun, snapshot: unknown, time: number): void {
  run.state = snapshot;
  run.changes.push({ time, kind: 'snapshot', ops: [] });
}

export function patchState(run: AgUiRun, delta: unknown, time: number): void {
  const change: StateChange = { time, kind: 'delta', ops: opsOf(delta) };
  try {
    run.state = applyPatch(run.state ?? {}, delta);
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    change.failed = { index: error.index, kind: error.kind };
  }
  run.changes.push(change);
}

export function startStep(run: AgUiRun, name: unknown, time: number): void {
  if (typeof name === 'string') run.steps.push({ name, start: time });
}

export function finishStep(run: AgUiRun, name: unknown, time: number): void {
  const step = run.steps.findLast((s) => s.name === name && s.end === undefined);
  if (step) step.end = time;
}
