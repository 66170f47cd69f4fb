// How the lab answers a request paused by the debugger's Fetch domain (patterns match only /sse streams):
// n-th paused request (a reconnect is the 2nd), anything past the list continues unchanged.
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const base64 = (text) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** Reads a paused response's body until it holds `events` blocks after its `retry:` block. */
async function readBlocks(send, target, events) {
  const { stream } = await send('Fetch.takeResponseBodyAsStream');
  let bytes = '';
  while ((bytes.match(/\n\n/g) ?? []).length < events + 1) {
    const read = await chrome.debugger.sendCommand(target, 'IO.read', { handle: stream, size: 32 });
    bytes += read.base64Encoded ? atob(read.data) : read.data;
    if (read.eof) break;
  }
  await chrome.debugger.sendCommand(target, 'IO.close', { handle: stream });
  return bytes;
}

self.lab.answer = async (plan, count, stage, params, send) => {
  const step = plan.steps?.[count - 1] ?? { kind: 'continue' };
  self.lab.log.push({ t: performance.timeOrigin + performance.now(), kind: 'cdp-step', step: step.kind, count, stage });
  if (step.kind === 'fulfill') {
    return send('Fetch.fulfillRequest', {
      responseCode: step.status ?? 200,
      responseHeaders: [
        { name: 'Content-Type', value: step.contentType ?? 'text/event-stream' },
        { name: 'Access-Control-Allow-Origin', value: '*' },
      ],
      body: base64(step.body ?? ''),
    });
  }
  if (step.kind === 'fail') return send('Fetch.failRequest', { errorReason: step.reason });
  if (step.kind === 'hold') {
    await wait(step.ms);
    return send('Fetch.continueResponse');
  }
  if (step.kind === 'retype') {
    const headers = params.responseHeaders.filter((h) => h.name.toLowerCase() !== 'content-type');
    return send('Fetch.continueResponse', {
      responseCode: 200,
      responseHeaders: [...headers, { name: 'Content-Type', value: step.contentType }],
    });
  }
  if (step.kind === 'cut') {
    const bytes = await readBlocks(send, { tabId: params.tabId ?? plan.tabId }, step.events);
    self.lab.log.push({ t: performance.timeOrigin + performance.now(), kind: 'cdp-cut', bytes: bytes.length });
    return send('Fetch.fulfillRequest', {
      responseCode: 200,
      responseHeaders: params.responseHeaders,
      body: btoa(bytes),
    });
  }
  return send(stage === 'response' ? 'Fetch.continueResponse' : 'Fetch.continueRequest');
};
