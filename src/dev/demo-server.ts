/**
 * The demo SSE server for `npm start`: a page like MDN's EventSource example (an `event: ping`
 * with a JSON time every second, now and then a plain message) and a chat-like stream. Each
 * stream ends after a round; the browser reconnects with Last-Event-ID and the server goes on
 * from there, so the demo also shows the reconnect story.
 */
import { fileURLToPath } from 'node:url';
import { type RouteContext, type SseServer, type Step, sse, startSseServer } from './sse-server';

const PAGES_DIR = fileURLToPath(new URL('./demo/', import.meta.url));
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

export function startDemoServer(port = 0): Promise<SseServer> {
  return startSseServer({
    pagesDir: PAGES_DIR,
    port,
    routes: {
      '/': () => ({ status: 302, headers: { location: '/pages/index.html' } }),
      '/favicon.ico': () => ({ status: 204 }),
      '/sse/ping': (context) => ({ stream: pingRound(context) }),
      '/sse/chat': (context) => ({ stream: chatRound(context) }),
    },
  });
}
