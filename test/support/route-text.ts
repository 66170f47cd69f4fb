/** What a fixture route sends, as the tests of network capture compare the captured bytes with it. */
import { routes } from '../fixtures/routes';

/** What the route at `path` sends for attempt `attempt`, as one string. */
export function sent(path: string, attempt: number, headers: Record<string, string> = {}): string {
  const route = routes[path];
  if (!route) throw new Error(`no route ${path}`);
  const reply = route({ attempt, request: { headers } as never, url: new URL(`http://127.0.0.1${path}`) } as never);
  const stream = 'stream' in reply ? (reply.stream as unknown[]) : [];
  return stream.filter((part): part is string => typeof part === 'string').join('');
}
