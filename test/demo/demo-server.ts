/**
 * The demo SSE server for `npm start`: a page like MDN's EventSource example (an `event: ping`
 * with a JSON time every second, now and then a plain message) and a chat-like stream. Each
 * stream ends after a round; the browser reconnects with Last-Event-ID and the server goes on
 * from there, so the demo also shows the reconnect lifecycle. And an LLM-like chat completion, streamed
 * over a POST fetch in OpenAI's format and ending with `data: [DONE]`, as LLM apps do.
 */
import { fileURLToPath } from 'node:url';
import { type RouteContext, type SseServer, type Step, sse, startSseServer } from '../harness/sse-server';

const PAGES_DIR = fileURLToPath(new URL('./page/', import.meta.url));
const PINGS_PER_ROUND = 20;

/** The id the browser resumes from, as a number (0 on a first connection). */
function resumeFrom({ request }: RouteContext): number {
  const id = Number(request.headers['last-event-id']);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

function pingRound(context: RouteContext): Step[] {
  const start = resumeFrom(context);
  const steps: Step[] = [sse({ retry: 1500, comment: ` resuming after ${start}` })];
  for (let n = start + 1; n <= start + PINGS_PER_ROUND; n++) {
    steps.push(() =>
      sse({ event: 'ping', id: String(n), data: JSON.stringify({ time: new Date().toISOString(), n }) }),
    );
    if (n % 5 === 0) steps.push(sse({ id: String(n), data: `This is a message at ping ${n}.` }));
    steps.push({ wait: 1000 });
  }
  return steps;
}

const USERS = ['ada', 'grace', 'linus', 'margaret'];

function chatRound(context: RouteContext): Step[] {
  let id = resumeFrom(context);
  const next = () => String(++id);
  const say = (user: string, text: string) =>
    sse({ event: 'usermessage', id: next(), data: JSON.stringify({ user, text }) });
  return [
    sse({ retry: 2000, event: 'system', id: next(), data: 'Welcome to #sse.\nBe kind; messages are public.' }),
    { wait: 700 },
    ...USERS.flatMap((user): Step[] => [
      sse({ event: 'userconnect', id: next(), data: JSON.stringify({ user }) }),
      { wait: 400 },
    ]),
    say('ada', 'Has anyone tried streaming tokens over fetch?'),
    { wait: 900 },
    ':keep-alive\n\n',
    say('grace', 'Yes: POST, then read the body as text/event-stream.'),
    { wait: 1200 },
    say('linus', 'EventSource only does GET, so LLM APIs use fetch.'),
    { wait: 800 },
    say('margaret', 'And Last-Event-ID lets a reconnect resume where it left off.'),
    { wait: 1000 },
    sse({ event: 'userdisconnect', id: next(), data: JSON.stringify({ user: 'linus' }) }),
    { wait: 1500 },
  ];
}

const ANSWER =
  'Server-Sent Events are a plain HTTP response that never ends: the server writes `data:` lines ' +
  'and a blank line per event. EventSource reconnects for you and resends the last id; LLM APIs ' +
  'stream their tokens the same way, but over a POST read with fetch.';

/** A chat completion chunk in OpenAI's streaming format. */
function completionChunk(delta: Record<string, string>, finish: string | null = null): string {
  return sse({
    data: JSON.stringify({
      id: 'chatcmpl-demo',
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: 'demo-1',
      choices: [{ index: 0, delta, finish_reason: finish }],
    }),
  });
}

function completion({ body }: RouteContext): Step[] {
  let question = '';
  try {
    const request = JSON.parse(body) as { messages?: { content?: string }[] };
    question = request.messages?.at(-1)?.content ?? '';
  } catch {
    // A request that is not JSON gets the same answer.
  }
  const words = `${question ? `You asked: “${question}”. ` : ''}${ANSWER}`.match(/\S+\s*/g) ?? [];
  const steps: Step[] = [completionChunk({ role: 'assistant', content: '' })];
  for (const word of words) steps.push({ wait: 60 }, completionChunk({ content: word }));
  steps.push(completionChunk({}, 'stop'), sse({ data: '[DONE]' }));
  return steps;
}

export function startDemoServer(port = 0): Promise<SseServer> {
  return startSseServer({
    pagesDir: PAGES_DIR,
    port,
    routes: {
      '/': () => ({ status: 302, headers: { location: '/pages/index.html' } }),
      '/favicon.ico': () => ({ status: 204 }),
      '/sse/ping': (context) => ({ stream: pingRound(context) }),
      '/sse/chat': (context) => ({ stream: chatRound(context) }),
      '/v1/chat/completions': (context) => ({ stream: completion(context) }),
    },
  });
}
