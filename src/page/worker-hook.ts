/**
 * Tells the relay of the workers this frame starts (`new Worker`, `new SharedWorker`,
 * `navigator.serviceWorker.register`): their kind and script URL, for network capture, which sees
 * a worker's requests but (in Firefox) neither the tab nor the kind of worker that made them.
 *
 * The constructors become Proxies of the natives (as EventSource does) and `register` a Proxy of
 * the native method; the page gets the native result, unchanged. A worker is told only once the
 * browser accepted it (the constructor returned, the registration fulfilled), and only when its
 * script is same-origin with this document: a page that asks for another site's script, and is
 * refused, names no worker. The script URL is read without running page code: from a string or a
 * native URL object (a page's own object with a `toString` is left unread, and the worker untold),
 * and for a registration, from the worker it holds, as the browser resolved it.
 */
import type { WorkerKind } from '../core/model';
import { readBranded } from './brands';
import { accessor, apply, construct, getOwnPropertyDescriptor, natives, read } from './natives';
import { callSite, restackRejection } from './page-stack';
import { callNative, disguise, replaceValue } from './stealth';

/** Told of each worker started: its kind and its script's absolute URL. */
export type WorkerSink = (kind: WorkerKind, url: string) => void;

const NativeURL = URL;
const hrefOf = accessor(NativeURL.prototype, 'href');
const originOf = accessor(NativeURL.prototype, 'origin');
const baseUriOf = typeof Node === 'function' ? accessor(Node.prototype, 'baseURI') : undefined;
/** `self.origin`: a page may replace the property, not this getter. */
const documentOrigin = getOwnPropertyDescriptor(globalThis, 'origin')?.get;
const then = Promise.prototype.then;

/** The script URL as the browser resolves it (against the document's base URL), read without running page code. */
function resolveScript(arg: unknown): URL | undefined {
  try {
    const text = typeof arg === 'string' ? arg : readBranded<string>(hrefOf, arg);
    if (text === undefined || !natives.document || !baseUriOf) return undefined;
    return construct(NativeURL, [text, read<string>(baseUriOf, natives.document)]) as URL;
  } catch {
    return undefined;
  }
}

/** The URL's text, if it is same-origin with this document (an opaque origin is same-origin with nothing). */
function sameOrigin(url: URL | undefined): string | undefined {
  if (!url || !documentOrigin) return undefined;
  const origin = read<string>(originOf, url);
  if (origin === 'null' || origin !== apply(documentOrigin, globalThis, [])) return undefined;
  return read<string>(hrefOf, url);
}

function hookConstructor(name: 'Worker' | 'SharedWorker', kind: WorkerKind, tell: WorkerSink): void {
  const descriptor = getOwnPropertyDescriptor(globalThis, name);
  const Native = descriptor?.value as (new (...args: unknown[]) => object) | undefined;
  if (typeof Native !== 'function') return;
  const traps: ProxyHandler<typeof Native> = {
    construct(target, args, newTarget) {
      const instance = callNative(() => construct(target, args, newTarget) as object, traps.construct, args, [0, 1]);
      try {
        const url = sameOrigin(resolveScript(args[0]));
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
  const registration = ServiceWorkerRegistration.prototype;
  const holds = [
    accessor(registration, 'installing'),
    accessor(registration, 'waiting'),
    accessor(registration, 'active'),
  ];
  const scriptOf = accessor(ServiceWorker.prototype, 'scriptURL');

  /** The script of the worker a registration holds (the newest first), as the browser resolved it. */
  function registeredScript(result: unknown): URL | undefined {
    for (let i = 0; i < holds.length; i++) {
      const worker = readBranded<ServiceWorker | null>(holds[i] as () => unknown, result);
      if (worker) return resolveScript(read<string>(scriptOf, worker));
    }
    return undefined;
  }

  const traps: ProxyHandler<typeof register> = {
    apply(target, self, args) {
      const site = callSite(traps.apply);
      const asked = resolveScript(args[0]);
      // A promise: the native never throws, it rejects.
      const promise = apply(target, self, args) as Promise<unknown>;
      return apply(then, promise, [
        (result: unknown) => {
          try {
            const url = sameOrigin(registeredScript(result) ?? asked);
            if (url !== undefined) tell('service', url);
          } catch {
            // As above.
          }
          return result;
        },
        (error: unknown) => {
          try {
            restackRejection(error, site);
          } catch {
            // The page gets its refusal whatever happens to ours.
          }
          throw error;
        },
      ]);
    },
  };
  replaceValue(Container.prototype, 'register', disguise(register, traps));
}

export function hookWorkers(tell: WorkerSink): void {
  hookConstructor('Worker', 'dedicated', tell);
  hookConstructor('SharedWorker', 'shared', tell);
  hookRegister(tell);
}
