// Runs as the extension's background service worker (MV3): routes captures from the tabs' relays to the panels.
import { browser, type Runtime } from '../browser';
import { type BackgroundToTab, message, PortName } from '../protocol';
import { type PortLike, Router } from './router';

const router = new Router(async (tabId) => {
  const answer = await browser.tabs.sendMessage(tabId, message<BackgroundToTab>({ type: 'attach' }));
  return answer === true;
});

function adapt(port: Runtime.Port): PortLike {
  return {
    postMessage(msg) {
      try {
        port.postMessage(msg);
      } catch {
        // The other side is gone; its onDisconnect cleans up.
      }
    },
    disconnect: () => port.disconnect(),
  };
}

browser.runtime.onConnect.addListener((port) => {
  if (port.sender?.id !== browser.runtime.id) return port.disconnect();
  const tabId = port.sender.tab?.id;
  const handlers =
    port.name === PortName.relay && tabId !== undefined
      ? router.connectRelay(adapt(port), tabId, port.sender.frameId ?? 0)
      : port.name === PortName.panel
        ? router.connectPanel(adapt(port))
        : undefined;
  if (!handlers) return port.disconnect();
  port.onMessage.addListener((msg: unknown) => handlers.onMessage(msg));
  port.onDisconnect.addListener(() => handlers.onDisconnect());
});

// For tests and diagnostics: `census(tabId)` from the worker's console.
Object.assign(globalThis, { census: (tabId: number) => router.census(tabId) });
