/** A moment in a connection's life among the events: styled apart, never selected. */

import type { StoryMark } from '../core/store/views';
import type { TimeFormat } from '../ui/settings';
import { formatClock, formatDateTime, formatRelative } from '../ui/text/format';
import { type MessageKey, t, tn } from '../ui/text/messages';
import { describeState } from '../ui/text/states';

const ROW_HEIGHT = 20;

const ENDED: Record<string, MessageKey> = {
  complete: 'story_ended_complete',
  aborted: 'story_ended_aborted',
  cancelled: 'story_ended_cancelled',
  error: 'story_ended_error',
  unloaded: 'story_ended_unloaded',
};

function text(mark: StoryMark): [string, string] {
  switch (mark.kind) {
    case 'open':
      return [t('state_open'), mark.again ? t('story_opened_again') : t('story_opened')];
    case 'reconnecting':
      return [
        t('story_reconnecting'),
        mark.lastEventId ? t('story_reconnecting_id', { id: mark.lastEventId }) : t('story_reconnecting_no_id'),
      ];
    case 'failed': {
      // As the State cell says it: "ended" when nothing told why, the status when it is known.
      const state = describeState(mark.connection);
      return [state.label, state.text];
    }
    case 'closed':
      return [t('state_closed'), t('story_closed')];
    case 'ended': {
      const reason = ENDED[mark.reason ?? ''];
      return [t('state_ended'), t('story_ended', { reason: reason ? t(reason) : (mark.reason ?? '') })];
    }
    case 'not-kept':
      return [t('story_not_kept'), tn('story_not_kept_detail', mark.count ?? 0)];
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
