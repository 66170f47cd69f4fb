/**
 * Detail views for a connection read as bytes (fetch, XHR): its chunks exactly as they arrived,
 * its request and response with timings, and the text its events spell out (LLM deltas joined).
 */
import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import { assemble } from '../core/assemble';
import { fromBase64 } from '../core/base64';
import { describeChunk, hex } from '../core/chunk-text';
import { describeState, formatBytes, formatDateTime } from '../core/format';
import type { ConnectionView, EventView } from '../core/store/views';
import { CopyButton } from './CopyButton';

/** Chunks shown around the selected event, at most. */
const CHUNKS_AROUND = 100;

const since = (from: number, time: number | undefined) =>
  time === undefined ? '–' : `+${(time - from).toFixed(1)} ms`;

/** Text with line ends made visible: CR as ␍ (LF stays a line break). */
export function VisibleText({ text }: { text: string }) {
  if (!text.includes('\r')) return <>{text}</>;
  const parts = text.split('\r');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <span class="eol" title="CR (carriage return)">
              ␍
            </span>
          )}
        </Fragment>
      ))}
    </>
  );
}

/** An event's block exactly as received, ┊ where a network chunk ended. */
export function RawBlock({ raw, cuts }: { raw: string; cuts: readonly number[] | undefined }) {
  const pieces: string[] = [];
  let from = 0;
  for (const at of cuts ?? []) {
    pieces.push(raw.slice(from, at));
    from = at;
  }
  pieces.push(raw.slice(from));
  return (
    <pre class="data raw">
      {pieces.map((piece, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <span class="cut" title="A network chunk ended here">
              ┊
            </span>
          )}
          <VisibleText text={piece} />
        </Fragment>
      ))}
    </pre>
  );
}

export function ChunkList({ connection, event }: { connection: ConnectionView; event: EventView }) {
  const chunks = connection.chunks;
  // The chunk that completed the event: the last one that arrived at or before it.
  let at = 0;
  while (at + 1 < chunks.length && (chunks[at + 1]?.time ?? 0) <= event.time) at++;
  const first = Math.max(0, at - CHUNKS_AROUND);
  const last = Math.min(chunks.length, at + CHUNKS_AROUND + 1);
  const start = connection.createdAt;
  // An EventSource's chunks come from the network (Firefox's exact bytes); its `bytes` count event data.
  const wire = connection.kind === 'eventsource';
  const size = wire ? chunks.reduce((sum, chunk) => sum + chunk.size, 0) : connection.bytes;
  return (
    <div class="chunks">
      <p class="note">
        {chunks.length} chunk{chunks.length === 1 ? '' : 's'}, {formatBytes(size)}, exactly as{' '}
        {wire ? 'the network delivered them (every response of this connection)' : 'the page read them'}
        {first > 0 || last < chunks.length ? `; showing ${first + 1}–${last} around this event` : ''}. Bytes of a
        character split between chunks are shown in hex.
        {wire && connection.unheard > 0
          ? ` ${connection.unheard} event${connection.unheard === 1 ? '' : 's'} of a type nobody listens for never reached the page.`
          : ''}
      </p>
      <table>
        <thead>
          <tr>
            <th class="num">#</th>
            <th class="num">Time</th>
            <th class="num">Size</th>
            <th>Content</th>
          </tr>
        </thead>
        <tbody>
          {chunks.slice(first, last).map((chunk, i) => {
            const index = first + i;
            const { lead, text, trail } =
              chunk.base64 !== undefined
                ? describeChunk(fromBase64(chunk.base64))
                : { lead: [], text: chunk.text ?? '', trail: [] };
            return (
              <tr key={index} data-chunk={index} data-size={chunk.size} class={index === at ? 'current' : undefined}>
                <td class="num">{index + 1}</td>
                <td class="num" title={formatDateTime(chunk.time)}>
                  {since(start, chunk.time)}
                </td>
                <td class="num">{chunk.size}</td>
                <td>
                  <code>
                    {lead.length > 0 && <span class="bytes">⟨{hex(lead)}⟩</span>}
                    <VisibleText text={text} />
                    {trail.length > 0 && <span class="bytes">⟨{hex(trail)}⟩</span>}
                  </code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Headers({ headers }: { headers: readonly [string, string][] }) {
  if (headers.length === 0) return <p class="note">None.</p>;
  return (
    <table class="headers">
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i}>
            <th>{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RequestView({ connection }: { connection: ConnectionView }) {
  const request = connection.request;
  const response = connection.streamResponse;
  const start = connection.createdAt;
  const state = describeState(connection);
  return (
    <div class="request" data-request>
      <h4>General</h4>
      <table class="headers">
        <tbody>
          <tr>
            <th>Request</th>
            <td data-field="request">
              {request?.method ?? 'GET'} {connection.url}
            </td>
          </tr>
          <tr>
            <th>Status</th>
            <td data-field="status">{response ? `${response.status} ${response.statusText}` : '–'}</td>
          </tr>
          <tr>
            <th>Format</th>
            <td>{response?.format === 'ndjson' ? 'NDJSON (one JSON value a line)' : 'text/event-stream'}</td>
          </tr>
          <tr>
            <th>Ended</th>
            <td data-field="ended">{connection.endedAt === undefined ? 'not yet' : state.text}</td>
          </tr>
        </tbody>
      </table>
      <h4>Timing</h4>
      <table class="headers" data-timing>
        <tbody>
          <tr>
            <th>Started</th>
            <td>{formatDateTime(start)}</td>
          </tr>
          <tr>
            <th>Response headers</th>
            <td>{since(start, response?.time)}</td>
          </tr>
          <tr>
            <th>First byte</th>
            <td>{since(start, connection.chunks[0]?.time)}</td>
          </tr>
          <tr>
            <th>Last chunk</th>
            <td>{since(start, connection.chunks[connection.chunks.length - 1]?.time)}</td>
          </tr>
          <tr>
            <th>End</th>
            <td>{since(start, connection.endedAt)}</td>
          </tr>
        </tbody>
      </table>
      <h4>Request headers</h4>
      <Headers headers={request?.headers ?? []} />
      {request?.body !== undefined && (
        <>
          <h4>
            Request body
            {request.bodySize !== undefined ? ` (${formatBytes(request.bodySize)})` : ''}
          </h4>
          <pre class="data" data-field="body">
            {request.body}
          </pre>
        </>
      )}
      <h4>Response headers</h4>
      <Headers headers={response?.headers ?? []} />
    </div>
  );
}

export function AssembledView({ connection, events }: { connection: ConnectionView; events: readonly EventView[] }) {
  const result = useMemo(
    () => assemble(events.filter((e) => e.connection === connection)),
    [connection, events, connection.events],
  );
  if (!result) return <p class="note">No text deltas in this stream.</p>;
  const names = {
    openai: 'OpenAI chat completions',
    anthropic: 'Anthropic messages',
    responses: 'OpenAI responses',
    text: 'plain text events',
  };
  return (
    <div class="assembled">
      <div class="tab-tools">
        <CopyButton name="assembled" label="Copy text" text={() => result.text} />
      </div>
      <p class="note" data-assembled-format={result.format}>
        Joined from {result.parts} event{result.parts === 1 ? '' : 's'} ({names[result.format]}).
      </p>
      <pre class="data" data-assembled>
        {result.text}
      </pre>
    </div>
  );
}
