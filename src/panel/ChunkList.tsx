import { fromBase64 } from '../core/base64';
import { arrivalTimes, describeChunk, hex } from '../core/chunk-text';
import type { ConnectionView, EventView } from '../core/store/views';
import { t, tn, words } from '../ui/text/catalogue';
import { formatBytes, formatDateTime, formatDuration, formatOffset } from '../ui/text/format';
import { VisibleText } from './VisibleText';

/** Chunks shown around the selected event, at most. */
const CHUNKS_AROUND = 100;
/** Bytes of a binary stream's chunk shown (in hex). */
const BINARY_BYTES = 256;

/** A binary chunk's start in hex: decoded as text it would be noise. */
function binaryPreview(bytes: Uint8Array) {
  return { lead: Array.from(bytes.subarray(0, BINARY_BYTES)), text: bytes.length > BINARY_BYTES ? '…' : '', trail: [] };
}

/** A stream's chunks exactly as they arrived, around the selected event, with its own marked. */
export function ChunkList({ connection, event }: { connection: ConnectionView; event: EventView }) {
  const chunks = connection.chunks;
  // The chunk that completed the event: the last one that arrived at or before it.
  let at = 0;
  while (at + 1 < chunks.length && (chunks[at + 1]?.time ?? 0) <= event.time) at++;
  const first = Math.max(0, at - CHUNKS_AROUND);
  const last = Math.min(chunks.length, at + CHUNKS_AROUND + 1);
  const start = connection.createdAt;
  // An EventSource's chunks come from the network (network capture); its `bytes` count event data.
  const wire = connection.kind === 'eventsource';
  const binary = connection.response?.format === 'aws-eventstream';
  const size = wire ? chunks.reduce((sum, chunk) => sum + chunk.size, 0) : connection.bytes;
  // Network capture (Chrome): when each chunk the page read had arrived from the network.
  const arrived =
    !wire && connection.arrivals.length > 0 ? arrivalTimes(chunks.slice(0, last), connection.arrivals) : undefined;
  return (
    <div class="chunks">
      <p class="note">
        {[
          tn(wire ? 'chunks_network' : 'chunks_page', chunks.length, { size: formatBytes(size) }),
          first > 0 || last < chunks.length ? t('chunks_window', { from: first + 1, to: last }) : '',
          binary ? t('chunks_binary', { max: BINARY_BYTES }) : t('chunks_hex'),
          wire && connection.unheard > 0 ? tn('chunks_unheard', connection.unheard) : '',
          arrived ? t('chunks_arrived') : '',
        ]
          .filter(Boolean)
          .join(' ')}
      </p>
      <table>
        <thead>
          <tr>
            <th class="num">#</th>
            <th class="num">{t('events_time')}</th>
            {arrived && <th class="num">{t('chunks_arrived_column')}</th>}
            <th class="num">{t('events_size')}</th>
            <th>{t('chunks_content')}</th>
          </tr>
        </thead>
        <tbody>
          {chunks.slice(first, last).map((chunk, i) => {
            const index = first + i;
            const { lead, text, trail } =
              chunk.base64 === undefined
                ? { lead: [], text: chunk.text ?? '', trail: [] }
                : binary
                  ? binaryPreview(fromBase64(chunk.base64))
                  : describeChunk(fromBase64(chunk.base64));
            return (
              <tr key={index} data-chunk={index} data-size={chunk.size} class={index === at ? 'current' : undefined}>
                <td class="num">{index + 1}</td>
                <td class="num" title={formatDateTime(chunk.time)}>
                  {formatOffset(start, chunk.time)}
                </td>
                {arrived && <ArrivedCell start={start} arrived={arrived[index]} read={chunk.time} />}
                <td class="num">{words().number(chunk.size)}</td>
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

function ArrivedCell({ start, arrived, read }: { start: number; arrived: number | undefined; read: number }) {
  if (arrived === undefined) return <td class="num">–</td>;
  const lag = Math.max(0, read - arrived);
  return (
    <td
      class="num"
      data-arrived={Math.round(lag)}
      title={t('chunks_arrived_title', { time: formatDateTime(arrived), lag: formatDuration(lag) })}
    >
      {formatOffset(start, arrived)}
    </td>
  );
}
