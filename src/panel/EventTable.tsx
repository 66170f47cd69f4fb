/**
 * All events of the page in time order, one row each. Only the rows in view are in the DOM, so
 * the table costs the same with ten events or a hundred thousand. It follows new events while
 * scrolled to the bottom, and stays put once the user scrolls up.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { EventView } from './capture-store';
import { formatClock } from './format';

const ROW_HEIGHT = 20;
const OVERSCAN = 12;
/** A cell shows this much of the data; the detail pane shows all of it. */
const PREVIEW_CHARS = 2000;

interface Props {
  events: readonly EventView[];
  version: number;
  selected: string | undefined;
  onSelect(id: string): void;
}

export function EventTable({ events, version, selected, onSelect }: Props) {
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
  }, [version, events.length]);

  const selectedIndex = selected === undefined ? -1 : events.findIndex((e) => e.id === selected);

  /** Up/Down move the selection (Home/End to the ends) and keep the selected row in view. */
  const onKeyDown = (keyboard: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex - 1,
      Home: 0,
      End: events.length - 1,
    };
    const target = moves[keyboard.key];
    if (target === undefined || events.length === 0) return;
    keyboard.preventDefault();
    onSelect((events[Math.max(0, Math.min(events.length - 1, target))] as EventView).id);
  };

  // The selected row stays in view when the selection moves or the table is resized (the detail
  // pane opening shrinks it), but not when the user scrolls away from it.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [selectedIndex, height]);

  const onClick = (click: MouseEvent) => {
    const row = (click.target as Element).closest<HTMLElement>('[data-index]');
    const event = row ? events[Number(row.dataset.index)] : undefined;
    if (event) onSelect(event.id);
  };

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT;
    setScrollTop(element.scrollTop);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(events.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const event = events[i] as EventView;
    rows.push(
      <div
        key={event.id}
        class={`row${event.id === selected ? ' selected' : ''}${event.synthetic ? ' synthetic' : ''}`}
        role="row"
        aria-selected={event.id === selected}
        aria-rowindex={i + 2}
        tabIndex={-1}
        data-index={i}
        style={{ top: `${i * ROW_HEIGHT}px` }}
      >
        <span data-col="time" title={new Date(event.time).toISOString()}>
          {formatClock(event.time)}
        </span>
        <span data-col="connection" title={event.connection.url}>
          #{event.connection.ordinal}
        </span>
        <span data-col="type">{event.type}</span>
        <span data-col="id">{event.lastEventId}</span>
        <span data-col="data">
          {event.data.length > PREVIEW_CHARS ? event.data.slice(0, PREVIEW_CHARS) : event.data}
        </span>
      </div>,
    );
  }

  return (
    <div
      class="events"
      role="grid"
      aria-label="Events"
      aria-rowcount={events.length}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      <div class="row header" role="row" aria-rowindex={1}>
        <span role="columnheader">Time</span>
        <span role="columnheader">Conn.</span>
        <span role="columnheader">Type</span>
        <span role="columnheader">Id</span>
        <span role="columnheader">Data</span>
      </div>
      <div class="scroller" ref={scroller} onScroll={onScroll}>
        <div class="rows" style={{ height: `${events.length * ROW_HEIGHT}px` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
