/** A moment in a connection's life among the events: styled apart, never selected. */
import { describeState, formatClock, formatDateTime, formatRelative } from '../core/format';
import type { StoryMark } from '../core/store/views';
import type { TimeFormat } from '../ui/settings';

const ROW_HEIGHT = 20;

const ENDED: Record<string, string> = {
  complete: 'the stream was read to its end',
  aborted: 'aborted by the page',
  cancelled: 'cancelled by the page',
  error: 'a network error ended it',
  unloaded: 'its document went away',
};

function text(mark: StoryMark): [string, string] {
  switch (mark.kind) {
    case 'open':
      return ['open', mark.again ? 'opened (again)' : 'opened: the server answered'];
    case 'reconnecting':
      return [
        'reconnecting',
        mark.lastEventId
          ? `error → reconnecting; the request will send Last-Event-ID: ${mark.lastEventId}`
          : 'error → reconnecting, with no Last-Event-ID (no event had an id)',
      ];
    case 'failed': {
      // As the State cell says it: "ended" when nothing told why, the status when it is known.
      const state = describeState(mark.connection);
      return [state.label, state.text];
    }
    case 'closed':
      return ['closed', 'closed by the page (close())'];
    case 'ended':
      return ['ended', `ended: ${ENDED[mark.reason ?? ''] ?? mark.reason}`];
    case 'not-kept':
      return [
        'not kept',
        `${(mark.count ?? 0).toLocaleString('en-US')} event${mark.count === 1 ? '' : 's'} not kept (over the capture cap; counted, not stored)`,
      ];
  }
}

export function StoryRow({
  mark,
  index,
  base,
  timeFormat,
}: {
  mark: StoryMark;
  index: number;
  base: number;
  timeFormat: TimeFormat;
}) {
  const [label, detail] = text(mark);
  // Red only when something said it failed, as the connection's badge is.
  const tone = mark.kind === 'failed' && describeState(mark.connection).tone !== 'failed' ? 'ended' : mark.kind;
  return (
    <div
      class={`story-row ${tone}`}
      role="row"
      aria-rowindex={index + 2}
      data-story={mark.kind}
      style={{ top: `${index * ROW_HEIGHT}px` }}
    >
      <span data-story-col="time" title={formatDateTime(mark.time)}>
        {timeFormat === 'relative' ? formatRelative(mark.time - base) : formatClock(mark.time)}
      </span>
      <span data-story-col="connection" title={mark.connection.url}>
        #{mark.connection.ordinal}
      </span>
      <span data-story-col="type">{label}</span>
      <span />
      <span data-story-col="detail" title={detail}>
        {detail}
      </span>
      <span />
    </div>
  );
}
