/**
 * The events that pass the filter, in time order, one row each. Only the rows in view are in the
 * DOM, so the table costs the same with ten events or a million. It follows new events while
 * scrolled to the bottom, and stays put once the user scrolls up. ↑/↓/Home/End move the
 * selection, Enter opens the detail pane, Escape closes it.
 */

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isLifecycleRow, isNavigationRow, lifecycleIndex, navigationIndex } from '../core/event-filter';
import type { EventView } from '../core/store/views';
import { changeSettings, settings } from '../ui/settings';
import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import {
  formatBytes,
  formatClock,
  formatDateTime,
  formatRelative,
  middleCut,
  SHOWN_CHARS,
  shown,
} from '../ui/text/format';
import { ColumnResizer } from './ColumnResizer';
import { openEventMenu } from './ContextMenu';
import { LifecycleRow } from './LifecycleRow';

const ROW_HEIGHT = 20;
const OVERSCAN = 12;
/** A cell shows this much of the data; the detail pane shows all of it. */
const PREVIEW_CHARS = 500;

/** The widths the user dragged the columns to, as the custom properties panel.css lays the grid out by. */
function columnVariables(widths: Record<string, number>): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [column, width] of Object.entries(widths)) variables[`--w-${column}`] = `${width}px`;
  return variables;
}

export function EventTable({ store }: { store: PanelStore }) {
  const view = store.view();
  const { capture } = store;
  const rows = view.rows;
  const events = capture.events;
  const selected = store.selected.value;
  const timeFormat = settings.value.timeFormat;
  const base = store.capture.timeZero;
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      setHeight(element.clientHeight);
      // Still following when the pane shrinks (the detail pane opened): keep the last row in view.
      if (following.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [rows.length, rows]);

  const selectedRow = selected === undefined ? -1 : view.rowOf(capture, selected);

  const select = (row: number) => {
    const index = rows[row];
    if (index !== undefined && !isNavigationRow(index)) store.selected.value = events[index];
  };

  const onKeyDown = (keyboard: KeyboardEvent) => {
    if (keyboard.key === 'Enter') {
      if (selected) store.detailOpen.value = true;
      keyboard.preventDefault();
      return;
    }
    if (keyboard.key === 'Escape') {
      store.detailOpen.value = false;
      return;
    }
    // A page is what the table shows, less a row, as DevTools pages.
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let target: number | undefined;
    let direction = step[keyboard.key] ?? 0;
    if (direction !== 0) {
      target = Math.min(rows.length - 1, Math.max(0, selectedRow + direction));
      direction = Math.sign(direction);
    } else if (keyboard.key === 'Home') [target, direction] = [0, 1];
    else if (keyboard.key === 'End') [target, direction] = [rows.length - 1, -1];
    if (target === undefined || rows.length === 0) return;
    keyboard.preventDefault();
    // Marks are skipped: only events can be selected (at an edge, the nearest event back the other way).
    const at = target;
    const mark = (row: number) => row >= 0 && row < rows.length && isNavigationRow(rows[row] as number);
    while (mark(target)) target += direction;
    if (target < 0 || target >= rows.length) for (target = at; mark(target); ) target -= direction;
    if (target >= 0 && target < rows.length) select(target);
  };

  // The selected row stays in view when the selection moves or the table is resized (the detail
  // pane opening shrinks it), but not when the user scrolls away from it.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || selectedRow < 0) return;
    const top = selectedRow * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [selected, height]);

  const onClick = (click: MouseEvent) => {
    const row = (click.target as Element).closest<HTMLElement>('[data-row]');
    if (!row) return;
    select(Number(row.dataset.row));
    // As in the Network panel, a click shows the detail (Esc or ✕ closed it).
    store.detailOpen.value = true;
  };

  const onContextMenu = (click: MouseEvent) => {
    const row = (click.target as Element).closest<HTMLElement>('[data-row]');
    const index = row ? rows[Number(row.dataset.row)] : undefined;
    if (index === undefined || isNavigationRow(index)) return;
    click.preventDefault();
    select(Number(row?.dataset.row));
    openEventMenu(store, events[index] as EventView, click.clientX, click.clientY);
  };

  const onDoubleClick = (click: MouseEvent) => {
    if ((click.target as Element).closest('[data-row]')) store.detailOpen.value = true;
  };

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT;
    setScrollTop(element.scrollTop);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const cells = [];
  for (let i = first; i < last; i++) {
    const row = rows[i] as number;
    const style = { top: `${i * ROW_HEIGHT}px` };
    if (isLifecycleRow(row)) {
      const mark = capture.marks[lifecycleIndex(row)];
      if (mark)
        cells.push(<LifecycleRow key={`lifecycle${row}`} mark={mark} index={i} base={base} timeFormat={timeFormat} />);
      continue;
    }
    if (isNavigationRow(row)) {
      const mark = capture.navigations[navigationIndex(row)];
      cells.push(
        <div key={`nav${row}`} class="row navigation" role="row" aria-rowindex={i + 2} data-navigation style={style}>
          <span title={mark ? formatDateTime(mark.time) : undefined}>
            {t('navigated_to', { url: mark?.url ?? '' })}
          </span>
        </div>,
      );
      continue;
    }
    const event = events[row] as EventView;
    const isSelected = event === selected;
    cells.push(
      <div
        key={event.id}
        class={`row${isSelected ? ' selected' : ''}${event.synthetic ? ' synthetic' : ''}`}
        role="row"
        aria-selected={isSelected}
        aria-rowindex={i + 2}
        data-row={i}
        style={style}
      >
        <span data-col="time" data-time={event.time} title={formatDateTime(event.time)}>
          {timeFormat === 'relative' ? formatRelative(event.time - base) : formatClock(event.time)}
        </span>
        <span data-col="connection" title={middleCut(event.connection.url, SHOWN_CHARS)}>
          #{event.connection.ordinal}
        </span>
        <span data-col="type">{shown(event.type)}</span>
        <span data-col="id">{shown(event.lastEventId)}</span>
        {event.piece ? (
          // A recognised LLM stream: what the event added (its envelope is in the detail pane).
          <span
            data-col="data"
            class={`piece-${event.piece.part}`}
            data-piece={event.piece.part}
            title={event.data.length > PREVIEW_CHARS ? event.data.slice(0, PREVIEW_CHARS) : event.data}
          >
            {event.piece.text.length > PREVIEW_CHARS ? event.piece.text.slice(0, PREVIEW_CHARS) : event.piece.text}
          </span>
        ) : (
          <span data-col="data">
            {event.data.length > PREVIEW_CHARS ? event.data.slice(0, PREVIEW_CHARS) : event.data}
          </span>
        )}
        <span data-col="size">{formatBytes(event.size)}</span>
      </div>,
    );
  }

  return (
    <div
      class="events"
      data-resize-table="events"
      style={columnVariables(settings.value.columnWidths.events)}
      role="grid"
      aria-label={t('events')}
      aria-rowcount={view.shown}
      data-rows={rows.length}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onDblClick={onDoubleClick}
      onContextMenu={onContextMenu}
    >
      <div class="row header" role="row" aria-rowindex={1}>
        <span role="columnheader" data-resize-col="time">
          <button
            type="button"
            class="link"
            data-action="time-format"
            title={timeFormat === 'relative' ? t('time_column_relative_title') : t('time_column_absolute_title')}
            onClick={() => changeSettings({ timeFormat: timeFormat === 'relative' ? 'absolute' : 'relative' })}
          >
            {t('events_time')}
          </button>
          <ColumnResizer table="events" column="time" label={t('events_time')} />
        </span>
        <span role="columnheader" data-resize-col="connection">
          {t('events_connection_short')}
          <ColumnResizer table="events" column="connection" label={t('events_connection')} />
        </span>
        <span role="columnheader" data-resize-col="type">
          {t('events_type')}
          <ColumnResizer table="events" column="type" label={t('events_type')} />
        </span>
        <span role="columnheader" data-resize-col="id">
          {t('events_id')}
          <ColumnResizer table="events" column="id" label={t('events_id')} />
        </span>
        <span role="columnheader">{t('events_data')}</span>
        <span role="columnheader" data-col="size" data-resize-col="size">
          {t('events_size')}
          <ColumnResizer table="events" column="size" label={t('events_size')} />
        </span>
      </div>
      <div class="scroller" ref={scroller} onScroll={onScroll}>
        <div class="rows" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {cells}
        </div>
        {rows.length === 0 && capture.events.length > 0 && (
          <p class="empty" data-empty="filtered">
            {t('events_none_match')}{' '}
            <button type="button" class="link" onClick={() => store.clearFilters()}>
              {t('events_clear_filters')}
            </button>
          </p>
        )}
      </div>
    </div>
  );
}
