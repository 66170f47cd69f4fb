/** The connections table's column headers: sorting on a click, and widths the user gave. */
import { changeSettings, type SortColumn, settings } from '../ui/settings';
import { t } from '../ui/text/catalogue';
import { ColumnResizer } from './ColumnResizer';

/** Widths the user gave the columns (none: the table fits them to their content). */
function widthStyle(resize: string): { width: string } | undefined {
  const widths = settings.value.columnWidths.connections;
  if (Object.keys(widths).length === 0) return undefined;
  return { width: `${widths[resize] ?? DEFAULT_WIDTH}px` };
}
/** A column that had no width when the others were fixed (it was hidden then) shows at this one. */
const DEFAULT_WIDTH = 90;

/**
 * A column's header, with a resizer on its right edge; with `sort`, a click sorts the table by it
 * and another the other way, as in DevTools. `col` names the column (its cells, its width).
 */
export function ConnectionHeader({
  col,
  label,
  title,
  num,
  sort,
}: {
  col: string;
  label: string;
  title?: string;
  num?: boolean;
  sort?: SortColumn;
}) {
  const current = settings.value.connectionSort;
  const active = sort !== undefined && current.column === sort;
  const sortable =
    sort === undefined
      ? {}
      : ({
          'data-sort': sort,
          'aria-sort': active ? (current.descending ? 'descending' : 'ascending') : 'none',
          onClick: () =>
            changeSettings({ connectionSort: { column: sort, descending: active ? !current.descending : false } }),
        } as const);
  return (
    <th
      class={[num ? 'num' : '', sort ? 'sortable' : ''].filter(Boolean).join(' ') || undefined}
      data-col={col}
      data-resize-col={col}
      style={widthStyle(col)}
      title={sort === undefined ? title : title ? t('column_sort_title', { title }) : t('column_sort')}
      {...sortable}
    >
      {label}
      {active && (sort !== 'ordinal' || current.descending) ? (current.descending ? ' ▾' : ' ▴') : ''}
      <ColumnResizer table="connections" column={col} label={label} fixAll />
    </th>
  );
}
