/**
 * A catalogue message with elements in its placeholders (a name in bold, a link), where a
 * translation may put them anywhere in the sentence: `t(key)` leaves `$name$` unfilled, and this
 * puts `values.name` there. Text stays text: nothing in a message is read as markup.
 */
import type { ComponentChildren } from 'preact';

export function Interpolated({ text, values }: { text: string; values: Record<string, ComponentChildren> }) {
  const parts = text.split(/\$([A-Za-z0-9_]+)\$/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? (values[part] ?? `$${part}$`) : part))}</>;
}
