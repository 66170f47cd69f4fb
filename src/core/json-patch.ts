/**
 * JSON Patch (RFC 6902) over JSON Pointers (RFC 6901), applied as AG-UI's client applies a
 * `STATE_DELTA` (fast-json-patch's `applyPatch(state, delta, validate, mutate=false)`): on a copy,
 * every operation in order, and all or nothing: when one fails, the document is left as it was
 * and the error says which operation and why. The document is a page's data: a key such as
 * `__proto__` is an ordinary member here, read and written as an own property only.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6902
 * @see https://www.rfc-editor.org/rfc/rfc6901
 */
import { isObject } from './plain-object';

export type PatchOp = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

/** Why a patch did not apply: the failing operation's index, and what was wrong. */
export class PatchError extends Error {
  constructor(
    readonly index: number,
    readonly kind: 'invalid' | 'missing' | 'test-failed',
    readonly path: string,
  ) {
    super(`operation ${index} (${path}): ${kind}`);
  }
}

type Container = Record<string, unknown> | unknown[];

const OPS = new Set<string>(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

function tokens(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/') || /~[^01]|~$/.test(pointer)) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const own = (container: Container, key: string): boolean =>
  Array.isArray(container) ? ARRAY_INDEX.test(key) && Number(key) < container.length : Object.hasOwn(container, key);

const read = (container: Container, key: string): unknown =>
  own(container, key) ? (container as Record<string, unknown>)[key] : undefined;

function write(container: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}

const copyOf = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

class Failed {
  constructor(readonly kind: PatchError['kind']) {}
}

/**
 * The document being patched. Containers are copied on the way to a change, once per patch, so a
 * patch costs what its paths touch, not the document's size, and the document it started from is
 * never changed (a failed patch simply drops the draft).
 */
interface Draft {
  doc: unknown;
  fresh: WeakSet<object>;
}

function containerIn(draft: Draft, holder: Container, key: string, mutate: boolean): Container {
  const at = read(holder, key);
  if (!Array.isArray(at) && !isObject(at)) throw new Failed('missing');
  if (!mutate || draft.fresh.has(at)) return at;
  // Spreading defines own members (a `__proto__` member stays one), as `write` does.
  const copy: Container = Array.isArray(at) ? [...at] : { ...at };
  if (Array.isArray(holder)) holder[Number(key)] = copy;
  else write(holder, key, copy);
  draft.fresh.add(copy);
  return copy;
}

/** The container a pointer's last token is in (copied first when it is to change), and that token. */
function parentOf(draft: Draft, path: string, mutate = true): [Container, string] {
  const parts = tokens(path);
  if (parts === undefined) throw new Failed('invalid');
  if (parts.length === 0) return [draft as unknown as Container, 'doc'];
  let holder = draft as unknown as Container;
  let key = 'doc';
  for (const part of parts.slice(0, -1)) {
    holder = containerIn(draft, holder, key, mutate);
    if (!own(holder, part)) throw new Failed('missing');
    key = part;
  }
  return [containerIn(draft, holder, key, mutate), parts.at(-1) as string];
}

function get(draft: Draft, path: string): unknown {
  const [container, key] = parentOf(draft, path, false);
  if (!own(container, key)) throw new Failed('missing');
  return read(container, key);
}

function add(draft: Draft, path: string, value: unknown): void {
  const [container, key] = parentOf(draft, path);
  if (!Array.isArray(container)) write(container, key, value);
  else if (key === '-') container.push(value);
  else if (ARRAY_INDEX.test(key) && Number(key) <= container.length) container.splice(Number(key), 0, value);
  else throw new Failed('invalid');
}

function remove(draft: Draft, path: string): unknown {
  const [container, key] = parentOf(draft, path);
  if (!own(container, key)) throw new Failed('missing');
  const value = read(container, key);
  if (Array.isArray(container)) container.splice(Number(key), 1);
  else delete container[key];
  return value;
}

/** In place: a member keeps its position among its siblings, as the AG-UI client's patcher leaves it. */
function replace(draft: Draft, path: string, value: unknown): void {
  const [container, key] = parentOf(draft, path);
  if (!own(container, key)) throw new Failed('missing');
  if (Array.isArray(container)) container[Number(key)] = value;
  else write(container, key, value);
}

function applyOne(draft: Draft, op: Record<string, unknown>): void {
  const path = op.path;
  if (typeof path !== 'string' || typeof op.op !== 'string' || !OPS.has(op.op)) throw new Failed('invalid');
  const from = typeof op.from === 'string' ? op.from : undefined;
  const needsValue = op.op === 'add' || op.op === 'replace' || op.op === 'test';
  if (needsValue && !('value' in op)) throw new Failed('invalid');
  if ((op.op === 'move' || op.op === 'copy') && from === undefined) throw new Failed('invalid');
  switch (op.op as PatchOp) {
    case 'add':
      add(draft, path, copyOf(op.value));
      break;
    case 'remove':
      remove(draft, path);
      break;
    case 'replace':
      replace(draft, path, copyOf(op.value));
      break;
    case 'move':
      // A location cannot be moved into one of its children (RFC 6902 §4.4).
      if (path.startsWith(`${from}/`)) throw new Failed('invalid');
      add(draft, path, remove(draft, from as string));
      break;
    case 'copy':
      add(draft, path, copyOf(get(draft, from as string)));
      break;
    case 'test':
      if (!equal(get(draft, path), op.value)) throw new Failed('test-failed');
  }
}

/** The document after the patch (the input is not changed); throws a `PatchError` when an operation fails. */
export function applyPatch(document: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new PatchError(0, 'invalid', '');
  const draft: Draft = { doc: document, fresh: new WeakSet() };
  patch.forEach((op, index) => {
    const path = isObject(op) && typeof op.path === 'string' ? op.path : '';
    if (!isObject(op)) throw new PatchError(index, 'invalid', path);
    try {
      applyOne(draft, op);
    } catch (error) {
      if (error instanceof Failed) throw new PatchError(index, error.kind, path);
      throw error;
    }
  });
  return draft.doc;
}
