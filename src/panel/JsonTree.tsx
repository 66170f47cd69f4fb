/**
 * A collapsible JSON tree. The first levels start open; long arrays and objects show their first
 * CHILDREN_SHOWN entries and a button for more, so a huge payload never floods the DOM. Keys and
 * values come from the page: they are rendered as text.
 */

import { useState } from 'preact/hooks';
import { t, tn } from '../ui/text/catalogue';

const OPEN_LEVELS = 2;
const CHILDREN_SHOWN = 100;

function Leaf({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span class="json-string">{JSON.stringify(value)}</span>;
  if (value === null) return <span class="json-null">null</span>; // not-ui-text: JSON
  return <span class={`json-${typeof value}`}>{String(value)}</span>;
}

function Node({ name, value, depth }: { name: string | undefined; value: unknown; depth: number }) {
  const isArray = Array.isArray(value);
  const branch = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < OPEN_LEVELS);
  const [limit, setLimit] = useState(CHILDREN_SHOWN);
  const label = name === undefined ? null : <span class="json-key">{name}: </span>;
  if (!branch) {
    return (
      <li>
        {label}
        <Leaf value={value} />
      </li>
    );
  }
  const entries = isArray ? (value as unknown[]).map((v, i) => [String(i), v] as const) : Object.entries(value);
  const summary = isArray ? `Array(${entries.length})` : `{${tn('json_keys', entries.length)}}`;
  return (
    <li data-open={open}>
      <button type="button" class="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      {label}
      <span class="json-summary">{summary}</span>
      {open && (
        <ul>
          {entries.slice(0, limit).map(([key, child]) => (
            <Node key={key} name={key} value={child} depth={depth + 1} />
          ))}
          {entries.length > limit && (
            <li>
              <button type="button" class="link" onClick={() => setLimit(limit + CHILDREN_SHOWN * 10)}>
                {t('json_show_more', { count: entries.length - limit })}
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

export function JsonTree({ value }: { value: unknown }) {
  return (
    <ul class="json-tree">
      <Node name={undefined} value={value} depth={0} />
    </ul>
  );
}
