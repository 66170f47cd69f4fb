/**
 * The handle on a header's right edge: drag it to resize the column, as in the Network panel;
 * double-click it to let the table's columns fit their content again. The widths are settings,
 * so every panel opens with them.
 */

import { changeSettings, MIN_COLUMN_WIDTH, type ResizableTable, settings } from '../ui/settings';
import { t } from '../ui/text/catalogue';

/**
 * Widths of a table's columns as shown now, by column name: the cells that carry
 * data-resize-col within the table element (a hidden column measures 0 and is left out).
 */
function measured(table: Element): Record<string, number> {
  const widths: Record<string, number> = {};
  for (const cell of table.querySelectorAll<HTMLElement>('[data-resize-col]')) {
    const width = Math.round(cell.getBoundingClientRect().width);
    const column = cell.dataset.resizeCol;
    if (column && width > 0) widths[column] = Math.max(MIN_COLUMN_WIDTH, width);
  }
  return widths;
}

export function ColumnResizer({
  table,
  column,
  label,
  fixAll,
}: {
  table: ResizableTable;
  column: string;
  label: string;
  /** Every column takes its width as shown when the first is dragged (a table laid out by fixed widths). */
  fixAll?: boolean;
}) {
  /** Sets the column's width; the first in a fixed-layout table fixes every column as shown. */
  const setWidth = (handle: HTMLElement, width: number) => {
    const owner = handle.closest<HTMLElement>('[data-resize-table]');
    const widths = settings.value.columnWidths;
    const base = fixAll && owner && Object.keys(widths[table]).length === 0 ? measured(owner) : {};
    const next = { ...base, ...widths[table], [column]: Math.max(MIN_COLUMN_WIDTH, Math.round(width)) };
    changeSettings({ columnWidths: { ...widths, [table]: next } });
  };
  const widthOf = (handle: HTMLElement) =>
    Math.round(handle.closest<HTMLElement>('[data-resize-col]')?.getBoundingClientRect().width ?? 0);

  const onPointerDown = (down: PointerEvent) => {
    if (down.button !== 0) return;
    down.preventDefault();
    down.stopPropagation();
    const handle = down.currentTarget as HTMLElement;
    handle.focus();
    const start = widthOf(handle);
    const move = (event: PointerEvent) => setWidth(handle, start + event.clientX - down.clientX);
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('lostpointercapture', end);
      handle.classList.remove('dragging');
    };
    handle.setPointerCapture(down.pointerId);
    handle.classList.add('dragging');
    handle.addEventListener('pointermove', move);
    handle.addEventListener('lostpointercapture', end);
  };
  // Focused (a click on it focuses it), ← and → narrow and widen by 10 px, with Shift by 50.
  const onKeyDown = (key: KeyboardEvent) => {
    const step = key.key === 'ArrowLeft' ? -1 : key.key === 'ArrowRight' ? 1 : 0;
    if (step === 0) return;
    key.preventDefault();
    key.stopPropagation();
    const handle = key.currentTarget as HTMLElement;
    setWidth(handle, widthOf(handle) + step * (key.shiftKey ? 50 : 10));
  };
  const reset = (click: MouseEvent) => {
    click.stopPropagation();
    changeSettings({ columnWidths: { ...settings.value.columnWidths, [table]: {} } });
  };
  return (
    // A splitter: a focusable separator, which <hr> cannot be.
    // biome-ignore lint/a11y/useSemanticElements: an <hr> takes no focus and no keys
    <span
      class="resizer"
      role="separator"
      tabIndex={-1}
      aria-orientation="vertical"
      aria-valuenow={settings.value.columnWidths[table][column]}
      aria-label={t('resize_label', { column: label })}
      title={t('resize_title')}
      data-resizer={column}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      // The header under it sorts on a click; a drag or a double-click here is not one.
      onClick={(click) => click.stopPropagation()}
      onDblClick={reset}
    />
  );
}
