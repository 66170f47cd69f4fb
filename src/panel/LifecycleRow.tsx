/** A moment in a connection's life among the events: styled apart, never selected. */

import { mcpExchangeOf } from '../core/llm/mcp-exchange';
import type { LifecycleMark, ResumedBy } from '../core/store/views';
import { faultWords } from '../ui/faults';
import type { TimeFormat } from '../ui/settings';
import { type MessageKey, t, tn } from '../ui/text/catalogue';
import { formatClock, formatDateTime, formatDuration, formatRelative } from '../ui/text/format';
import { describeMarkState, describeState } from '../ui/text/states';

const ROW_HEIGHT = 20;

const ENDED: Record<string, MessageKey> = {
  complete: 'lifecycle_ended_complete',
  aborted: 'lifecycle_ended_aborted',
  cancelled: 'lifecycle_ended_cancelled',
  error: 'lifecycle_ended_error',
  unloaded: 'lifecycle_ended_unloaded',
};

/** How a fetch or XHR stream's new request was recognised as its next attempt. */
function resumedText(resumed: ResumedBy): string {
  switch (resumed.by) {
    case 'header':
      return t('lifecycle_resumed_header', { id: resumed.lastEventId });
    case 'query':
      return t('lifecycle_resumed_query', { id: resumed.lastEventId, param: resumed.param });
    case 'retry':
      return t('lifecycle_resumed_retry', {
        after: formatDuration(resumed.afterMs),
        retry: formatDuration(resumed.retryMs),
      });
  }
}

function text(mark: LifecycleMark): [string, string] {
  switch (mark.kind) {
    case 'open':
      return [t('state_open'), mark.again ? t('lifecycle_opened_again') : t('lifecycle_opened')];
    case 'reconnecting':
      return [
        t('lifecycle_reconnecting'),
        mark.resumed
          ? resumedText(mark.resumed)
          : mark.lastEventId
            ? t('lifecycle_reconnecting_id', { id: mark.lastEventId })
            : t('lifecycle_reconnecting_no_id'),
      ];
    case 'failed': {
      // As the State cell says it: "ended" when nothing told why, the status when it is known.
      const state = describeMarkState(mark);
      return [state.label, state.text];
    }
    case 'closed':
      return [t('state_closed'), t('lifecycle_closed')];
    case 'ended': {
      // An MCP session's request answered with no stream ends as its state says, not as a cut stream.
      if (mcpExchangeOf(mark.connection)) {
        const state = describeState(mark.connection);
        return [state.label, state.text];
      }
      const reason = ENDED[mark.reason ?? ''];
      return [t('state_ended'), t('lifecycle_ended', { reason: reason ? t(reason) : (mark.reason ?? '') })];
    }
    case 'not-kept':
      return [t('lifecycle_not_kept'), tn('lifecycle_not_kept_detail', mark.count ?? 0)];
    case 'fault':
      return [t('lifecycle_fault'), mark.fault ? faultWords(mark.fault, mark.ms) : ''];
  }
}

export function LifecycleRow({
  mark,
  index,
  base,
  timeFormat,
}: {
  mark: LifecycleMark;
  index: number;
  base: number;
  timeFormat: TimeFormat;
}) {
  const [label, detail] = text(mark);
  // Red only when something said it failed, as the connection's badge is.
  const tone = mark.kind === 'failed' && describeMarkState(mark).tone !== 'failed' ? 'ended' : mark.kind;
  return (
    <div
      class={`lifecycle-row ${tone}`}
      role="row"
      aria-rowindex={index + 2}
      data-lifecycle={mark.kind}
      style={{ top: `${index * ROW_HEIGHT}px` }}
    >
      <span data-lifecycle-col="time" title={formatDateTime(mark.time)}>
        {timeFormat === 'relative' ? formatRelative(mark.time - base) : formatClock(mark.time)}
      </span>
      <span data-lifecycle-col="connection" title={mark.connection.url}>
        #{mark.connection.ordinal}
      </span>
      <span data-lifecycle-col="type">{label}</span>
      <span />
      <span data-lifecycle-col="detail" title={detail}>
        {detail}
      </span>
      <span />
    </div>
  );
}
