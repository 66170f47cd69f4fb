import { Fragment } from 'preact';
import { t } from '../ui/text/catalogue';
import { VisibleText } from './VisibleText';

/** An event's block exactly as received, ┊ where a network chunk ended. */
export function RawBlock({ raw, cuts }: { raw: string; cuts: readonly number[] | undefined }) {
  const pieces: string[] = [];
  let from = 0;
  for (const at of cuts ?? []) {
    pieces.push(raw.slice(from, at));
    from = at;
  }
  pieces.push(raw.slice(from));
  return (
    <pre class="data raw">
      {pieces.map((piece, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <span class="cut" title={t('chunk_ended_here')}>
              ┊
            </span>
          )}
          <VisibleText text={piece} />
        </Fragment>
      ))}
    </pre>
  );
}
