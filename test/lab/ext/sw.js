// The replay lab's extension (test/lab/replay-mechanisms.ts drives it through `self.lab`). It tries
// each way an extension might act on a page's native EventSource in Chromium: declarativeNetRequest
// rules (a redirect to a web-accessible URL this worker answers with a streamed body, a block), and
// chrome.debugger (network conditions, the Fetch domain). Every stream it writes is bounded.
const now = () => performance.timeOrigin + performance.now();
const sleepUntil = (t) => new Promise((resolve) => setTimeout(resolve, Math.max(0, t - now())));
const encoder = new TextEncoder();
const log = [];
const note = (kind, fields) => log.push({ t: now(), kind, ...fields });
const attempts = new Map();

/** A recorded stream: `retry:` then events `first`…`n`, event i at (i - first + 1) × gap ms. */
function recording(request, q) {
  const lastEventId = request.headers.get('last-event-id');
  const attempt = (attempts.get(q.get('tag')) ?? 0) + 1;
  attempts.set(q.get('tag'), attempt);
  note('sw-request', { url: request.url, lastEventId, attempt, mode: request.mode, credentials: request.credentials });
  if (attempt > Number(q.get('responses') ?? 2)) return new Response(null, { status: 204 });
  const n = Number(q.get('n'));
  const gap = Number(q.get('gap'));
  const first = lastEventId ? Number(lastEventId) + 1 : 1;
  let cancelled = false;
  const body = new ReadableStream({
    async start(controller) {
      const t0 = now();
      controller.enqueue(encoder.encode(`retry: ${q.get('retry') ?? 300}\n\n`));
      for (let i = first; i <= n && !cancelled; i++) {
        await sleepUntil(t0 + (i - first + 1) * gap);
        if (cancelled) break;
        controller.enqueue(encoder.encode(`id: ${i}\ndata: replay ${i}\n\n`));
        note('sw-write', { tag: q.get('tag'), id: String(i) });
      }
      if (!cancelled) controller.close();
    },
    cancel() {
      cancelled = true;
      note('sw-cancel', { tag: q.get('tag') });
    },
  });
  const headers = { 'content-type': 'text/event-stream', 'cache-control': 'no-store' };
  if (q.get('cors') !== '0') headers['access-control-allow-origin'] = '*';
  return new Response(body, { headers });
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  note('sw-fetch-event', { url: event.request.url, destination: event.request.destination });
  if (url.pathname.startsWith('/replay/')) event.respondWith(recording(event.request, url.searchParams));
});

// chrome.debugger: one tab at a time. Fetch.requestPaused is answered by `plan`, set by the harness.
let plan = { kind: 'continue' };
let pausedCount = 0;
chrome.debugger.onEvent.addListener(async (source, method, params) => {
  const target = { tabId: source.tabId };
  if (method === 'Network.loadingFailed') note('cdp-failed', { error: params.errorText, canceled: params.canceled });
  if (method === 'Network.requestWillBeSent') note('cdp-request', { url: params.request.url, type: params.type });
  if (method !== 'Fetch.requestPaused') return;
  pausedCount++;
  const stage = params.responseStatusCode === undefined ? 'request' : 'response';
  note('cdp-paused', { url: params.request.url, stage, count: pausedCount });
  const send = (m, p) => chrome.debugger.sendCommand(target, m, { requestId: params.requestId, ...p });
  try {
    await self.lab.answer(plan, pausedCount, stage, params, send);
  } catch (error) {
    note('cdp-error', { error: String(error?.message ?? error) });
  }
});
chrome.debugger.onDetach.addListener((_source, reason) => note('cdp-detach', { reason }));

self.lab = {
  log,
  async tabId(url) {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === url && tab.status === 'complete')?.id ?? null;
  },
  reset() {
    log.length = 0;
    attempts.clear();
    plan = { kind: 'continue' };
    pausedCount = 0;
  },
  /** A session rule for one tab; `action` is a declarativeNetRequest action. */
  rule: (tabId, urlFilter, action) =>
    chrome.declarativeNetRequest.updateSessionRules({
      removeRuleIds: [1],
      addRules: [{ id: 1, priority: 1, action, condition: { urlFilter, tabIds: [tabId] } }],
    }),
  navigate: (tabId, url) => chrome.tabs.update(tabId, { url }),
  closeTab: (tabId) => chrome.tabs.remove(tabId),
  clearRules: () => chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: [1] }),
  async attach(tabId) {
    await chrome.debugger.attach({ tabId }, '1.3');
    await chrome.debugger.sendCommand({ tabId }, 'Network.enable', {});
  },
  async send(tabId, method, params = {}) {
    try {
      return { ok: true, result: await chrome.debugger.sendCommand({ tabId }, method, params) };
    } catch (error) {
      return { ok: false, error: String(error?.message ?? error) };
    }
  },
  detach: (tabId) => chrome.debugger.detach({ tabId }).catch(() => undefined),
  setPlan(next) {
    plan = next;
    pausedCount = 0;
  },
};
importScripts('fetch-plans.js');
