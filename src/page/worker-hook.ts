/**
 * Tells the relay of the workers this frame starts (`new Worker`, `new SharedWorker`,
 * `navigator.serviceWorker.register`): their kind and script URL, for network capture, which sees
 * a worker's requests but (in Firefox) neither the tab nor the kind of worker that made them.
 *
 * The constructors become Proxies of the natives (as EventSource does) and `register` a Proxy of
 * the native method: the page gets the native result, unchanged, before anything is told. The
 * script URL is resolved only from what can be read without running page code: a string, or a
 * native URL object (a page's own object with a `toString` is left unread, and the worker untold).
 */
import type { WorkerKind } from '../core/model';
import { readBranded } from './brands';
import { accessor, apply, construct, getOwnPropertyDescriptor, natives, read } from './natives';
import { callSite, withPageStack } from './page-stack';
import { callNative, disguise, replaceValue } from './stealth';

/** Told of each worker started: its kind and its script's absolute URL. */
export type WorkerSink = (kind: WorkerKind, url: string) => void;

const NativeURL = URL;
const hrefOf = accessor(NativeURL.prototype, 'href');
const baseUriOf = typeof Node === 'function' ? accessor(Node.prototype, 'baseURI') : undefined;

/** The script URL as the browser resolves it, when that can be read without running page code. */
function scriptUrl(arg: unknown): string | undefined {
  try {
    const text = typeof arg === 'string' ? arg : readBranded<string>(hrefOf, arg);
    if (text === undefined || !natives.document || !baseUriOf) return undefined;
    const url = construct(NativeURL, [text, read<string>(baseUriOf, natives.document)]) as URL;
    return read<string>(hrefOf, url);
  } catch {
    return undefined;
  }
}

function hookConstructor(name: 'Worker' | 'SharedWorker', kind: WorkerKind, tell: WorkerSink): void {
  const descriptor = getOwnPropertyDescriptor(globalThis, name);
  const Native = descriptor?.value as (new (...args: unknown[]) => object) | undefined;
  if (typeof Native !== 'function') return;
  const traps: ProxyHandler<typeof Native> = {
    construct(target, args, newTarget) {
      const instance = callNative(() => construct(target, args, newTarget) as object, traps.construct, args, [0, 1]);
      try {
        const url = scriptUrl(args[0]);
        if (url !== undefined) tell(kind, url);
      } catch {
        // The page gets its worker whatever happens to our bookkeeping.
      }
      return instance;
    },
  };
  const Wrapped = disguise(Native, traps);
  replaceValue(Native.prototype, 'constructor', Wrapped);
  replaceValue(globalThis, name, Wrapped);
}

function hookRegister(tell: WorkerSink): void {
  const Container = (globalThis as { ServiceWorkerContainer?: { prototype: object } }).ServiceWorkerContainer;
  const register = Container && getOwnPropertyDescriptor(Container.prototype, 'register')?.value;
  if (!Container || typeof register !== 'function') return;
  const traps: ProxyHandler<typeof register> = {
    apply(target, self, args) {
      const site = callSite(traps.apply);
      // A promise: the native never throws, it rejects.
      const promise = apply(target, self, args);
      try {
        const url = scriptUrl(args[0]);
        if (url !== undefined) tell('service', url);
      } catch {
        // As above.
      }
      return withPageStack(promise as Promise<unknown>, site);
    },
  };
  replaceValue(Container.prototype, 'register', disguise(register, traps));
}

export function hookWorkers(tell: WorkerSink): void {
  hookConstructor('Worker', 'dedicated', tell);
  hookConstructor('SharedWorker', 'shared', tell);
  hookRegister(tell);
}
