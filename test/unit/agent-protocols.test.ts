/**
 * The agent protocols folded from their fixture streams (test/fixtures/agent-streams.ts) match what
 * their own clients assemble from the same bytes: AG-UI's `HttpAgent` (@ag-ui/client 1.0.0: its
 * messages and its state after the patches) and A2A's `Client` (@a2a-js/sdk 1.3.0, 0.3 and 1.0
 * JSON-RPC: the task states and artifact chunks it yields), each fed by a `fetch` that answers
 * with the fixture.
 */

import { ClientFactory, ClientFactoryOptions, JsonRpcTransportFactory } from '@a2a-js/sdk/client';
import { HttpAgent } from '@ag-ui/client';
import { EventSchema } from '@ag-ui/core/schemas';
import { expect, test } from '@playwright/test';
import { AG_UI_EVENTS, AGENT_STREAMS } from '../fixtures/agent-streams';
import type { LlmStream } from '../fixtures/llm-streams';
import { foldStream } from '../support/fold-stream';

const stream = (name: string) => AGENT_STREAMS[name] as LlmStream;
const serve = (name: string) => async () =>
  new Response(stream(name).body, { headers: { 'content-type': 'text/event-stream' } });

test('the AG-UI fixture is valid by @ag-ui/core 1.0.0 EventSchema, event by event', () => {
  for (const event of AG_UI_EVENTS) expect(EventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
});

test('AG-UI: answer, reasoning, tool call and result, state after patches, usage', async () => {
  const { response, events } = foldStream(stream('ag-ui'));
  const agent = new HttpAgent({ url: 'http://127.0.0.1/agent', fetch: serve('ag-ui') as typeof fetch });
  const { result } = await agent.runAgent();
  const said = (role: string) =>
    agent.messages.filter((m) => m.role === role).map((m) => (m as { content?: string }).content ?? '');

  expect(response?.protocol).toBe('ag-ui');
  expect(response?.text).toBe(said('assistant').join('\n\n'));
  expect(response?.text).toBe('Je regarde la météo…\n\nIl fait 12 °C à Paris ☀');
  expect(response?.reasoning).toBe(said('reasoning').join(''));
  expect(response?.tools.map((t) => [t.id, t.name, t.args, t.result])).toEqual([
    ['tc1', 'get_weather', '{"city":"Paris"}', '{"temp":12}'],
  ]);
  expect(response?.agui?.state).toEqual(agent.state);
  expect(response?.agui?.state).toEqual({ city: 'Paris', steps: ['weather'], progress: 1 });
  expect(response?.agui?.changes.map((c) => [c.kind, c.ops.map((o) => `${o.op} ${o.path}`), c.failed])).toEqual([
    ['snapshot', [], undefined],
    ['delta', ['replace /city', 'add /steps/-', 'replace /progress'], undefined],
    ['delta', ['replace /progress'], undefined],
  ]);
  expect(JSON.parse(response?.agui?.result ?? '')).toEqual(result);
  expect(response?.agui).toMatchObject({ threadId: 'thread-1', runId: 'run-1', outcome: 'success' });
  expect(response?.agui?.steps.map((s) => [s.name, s.end !== undefined])).toEqual([['plan', true]]);
  expect(response).toMatchObject({ model: 'gpt-4.1-mini', finish: 'success', complete: true, errors: [] });
  expect(response?.usage).toEqual({ input: 120, output: 30, total: 150 });
  expect([response?.used, response?.unused]).toEqual([AG_UI_EVENTS.length, 0]);
  // The table previews what each event added.
  expect(events.map((e) => e.piece?.text).filter(Boolean)).toEqual([
    'The user wants ',
    'the weather.',
    'Je regarde ',
    'la météo…',
    '{"city":"Pa',
    'ris"}',
    'Il fait 12 °C ',
    'à Paris ☀',
  ]);
});

test('AG-UI over NDJSON reads the same run', () => {
  const sse = foldStream(stream('ag-ui')).response;
  const ndjson = foldStream({
    ...stream('ag-ui'),
    format: 'ndjson',
    body: AG_UI_EVENTS.map((e) => `${JSON.stringify(e)}\n`).join(''),
  }).response;
  expect(ndjson?.protocol).toBe('ag-ui');
  const read = (r: typeof sse) =>
    r && {
      text: r.text,
      reasoning: r.reasoning,
      tools: r.tools.map((t) => [t.name, t.args, t.result]),
      state: r.agui?.state,
      usage: r.usage,
      complete: r.complete,
    };
  expect(read(ndjson)).toEqual(read(sse));
});

test('AG-UI: a patch that does not apply leaves the state, and RUN_ERROR cuts the run short', () => {
  const body = [
    { type: 'RUN_STARTED', threadId: 't', runId: 'r' },
    { type: 'STATE_SNAPSHOT', snapshot: { n: 1 } },
    {
      type: 'STATE_DELTA',
      delta: [
        { op: 'replace', path: '/n', value: 2 },
        { op: 'remove', path: '/missing' },
      ],
    },
    { type: 'TEXT_MESSAGE_START', messageId: 'u', role: 'user' },
    { type: 'TEXT_MESSAGE_CONTENT', messageId: 'u', delta: 'not the answer' },
    { type: 'TEXT_MESSAGE_CHUNK', messageId: 'a', delta: 'Partial' },
    { type: 'RUN_ERROR', message: 'Model overloaded', code: 'overloaded' },
  ]
    .map((e) => `data: ${JSON.stringify(e)}\n\n`)
    .join('');
  const { response } = foldStream({ ...stream('ag-ui'), request: undefined, body });
  expect(response?.agui?.state).toEqual({ n: 1 });
  expect(response?.agui?.changes[1]?.failed).toEqual({ index: 1, kind: 'missing' });
  expect(response?.text).toBe('Partial');
  expect(response?.errors.map((e) => [e.message, e.code])).toEqual([['Model overloaded', 'overloaded']]);
  expect(response?.complete).toBe(false);
});

/** What the SDK yields for a stream, as a page would assemble it: states, artifacts by the spec's `append`. */
async function a2aClientRead(name: string, version: string) {
  const options = ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [
      new JsonRpcTransportFactory({ fetchImpl: serve(name) as typeof fetch, legacyCompat: { enabled: true } }),
    ],
  });
  const client = await new ClientFactory(options).createFromAgentCard({
    name: 'weather',
    supportedInterfaces: [{ url: 'http://127.0.0.1/a2a', protocolBinding: 'JSONRPC', protocolVersion: version }],
    capabilities: { streaming: true },
  } as never);
  const states: number[] = [];
  const artifacts: Record<string, string> = {};
  const message = { messageId: 'user-1', role: 1, parts: [{ content: { $case: 'text', value: 'Paris?' } }] };
  for await (const { payload } of client.sendMessageStream({ message } as never)) {
    if (payload?.$case === 'task' || payload?.$case === 'statusUpdate') states.push(payload.value.status?.state ?? 0);
    if (payload?.$case !== 'artifactUpdate') continue;
    const { artifact, append } = payload.value;
    const text = (artifact?.parts ?? []).map((p) => (p.content?.$case === 'text' ? p.content.value : '')).join('');
    const id = artifact?.artifactId ?? '';
    artifacts[id] = (append ? (artifacts[id] ?? '') : '') + text;
  }
  return { states, artifacts };
}

const TASK_STATES = ['unspecified', 'submitted', 'working', 'completed'];

for (const [name, version] of [
  ['a2a', '0.3'],
  ['a2a-v1', '1.0'],
] as const)
  test(`A2A ${version}: task states over time and artifacts from their chunks, as the SDK yields them`, async () => {
    const { response } = foldStream(stream(name));
    const client = await a2aClientRead(name, version);
    const log = response?.a2a;
    const [task] = log?.tasks ?? [];
    expect(response?.protocol).toBe('a2a');
    expect(task?.states.map((s) => s.state.replace('TASK_STATE_', '').toLowerCase())).toEqual(
      client.states.map((s) => TASK_STATES[s]),
    );
    const texts = Object.fromEntries(
      task?.artifacts.map((a) => [
        a.artifactId,
        a.parts
          .filter((p) => p.kind === 'text')
          .map((p) => p.text)
          .join(''),
      ]) ?? [],
    );
    for (const [id, text] of Object.entries(client.artifacts)) expect(texts[id]).toBe(text);
    expect(task?.artifacts[0]).toMatchObject({ chunks: 2, lastChunk: true });
    expect(response?.text).toBe(version === '0.3' ? 'Il fait 12 °C à Paris.' : 'Frais à Oslo ❄');
    expect(task?.states[1]?.note).toBe(version === '0.3' ? 'Je cherche…' : 'Un instant…');
    expect(log?.request).toMatchObject({
      method: version === '0.3' ? 'message/stream' : 'SendStreamingMessage',
      rpcId: '1',
    });
    expect(log?.answers).toBe(version === '0.3' ? 6 : 5);
    expect(log?.otherIds).toEqual([]);
    expect(response).toMatchObject({ complete: true, errors: [], unused: 0 });
  });

test('A2A 0.3: the data artifact, the final flags, and the history message', () => {
  const { response } = foldStream(stream('a2a'));
  const task = response?.a2a?.tasks[0];
  expect(task?.artifacts[1]?.parts).toEqual([{ kind: 'data', text: '{\n  "temp": 12,\n  "unit": "C"\n}' }]);
  expect(task?.states.map((s) => s.final)).toEqual([undefined, false, true]);
  expect(response?.a2a?.messages.map((m) => [m.role, m.text])).toEqual([['user', 'Paris?']]);
  expect(response?.finish).toBe('completed');
});

test('A2A: a failed task, a JSON-RPC error and an answer under another id are reported', () => {
  const rpc = (id: number, body: Record<string, unknown>) =>
    `data: ${JSON.stringify({ jsonrpc: '2.0', id, ...body })}\n\n`;
  const failed = {
    kind: 'status-update',
    taskId: 't',
    status: {
      state: 'failed',
      message: { kind: 'message', role: 'agent', parts: [{ kind: 'text', text: 'No forecast' }] },
    },
    final: true,
  };
  const body = rpc(9, { result: failed }) + rpc(1, { error: { code: -32001, message: 'Task not found' } });
  const { response } = foldStream({
    ...stream('a2a'),
    request: { ...(stream('a2a').request as object), method: 'tasks/resubscribe' },
    body,
  });
  expect(response?.protocol).toBe('a2a');
  expect(response?.a2a?.request?.method).toBe('tasks/resubscribe');
  expect(response?.a2a?.otherIds).toEqual(['9']);
  expect(response?.a2a?.answers).toBe(1);
  expect(response?.errors.map((e) => [e.message, e.code])).toEqual([
    ['No forecast', 'failed'],
    ['Task not found', '-32001'],
  ]);
});
