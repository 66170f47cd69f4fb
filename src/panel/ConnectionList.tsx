import type { ConnectionView } from './capture-store';
import { describeState, formatBytes, responseDetail, responseLabel } from './format';

function frameLabel(connection: ConnectionView): string {
  return connection.frameId === 0 ? 'top' : `frame ${connection.frameId}: ${connection.frameUrl}`;
}

function StateBadge({ connection }: { connection: ConnectionView }) {
  const state = describeState(connection);
  return (
    <span class={`badge ${state.tone}`} title={state.text}>
      {state.label}
    </span>
  );
}

export function ConnectionList({ connections }: { connections: readonly ConnectionView[] }) {
  return (
    <div class="connections">
      <table aria-label="Connections">
        <thead>
          <tr>
            <th>#</th>
            <th>URL</th>
            <th>Frame</th>
            <th>State</th>
            <th title="The HTTP status of the latest request, seen while the panel was open">Status</th>
            <th class="num">Events</th>
            <th class="num">Reconnects</th>
            <th class="num">Bytes</th>
            <th title="Named event types the page listens for. Events of a type nobody listens for are not dispatched to the page, and SSE Scope cannot see them either.">
              Listens for
            </th>
          </tr>
        </thead>
        <tbody>
          {connections.map((c) => (
            <tr key={c.key} data-connection={c.ordinal} data-state={c.state} class={c.gone ? 'gone' : undefined}>
              <td>#{c.ordinal}</td>
              <td class="url" title={c.url}>
                {c.url}
              </td>
              <td class="frame" title={frameLabel(c)}>
                {frameLabel(c)}
              </td>
              <td>
                <StateBadge connection={c} />
              </td>
              <td data-col="status" title={responseDetail(c)}>
                {responseLabel(c)}
              </td>
              <td class="num" data-col="events">
                {c.events}
                {c.dropped > 0 ? ` (+${c.dropped} not kept)` : ''}
              </td>
              <td class="num" data-col="reconnects">
                {c.reconnects}
              </td>
              <td class="num" data-col="bytes">
                {formatBytes(c.bytes)}
              </td>
              <td class="listening">{c.listening.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
