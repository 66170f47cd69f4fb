import { Fragment } from 'preact';
import { t } from '../ui/text/catalogue';

/** Text with line ends made visible: CR as ␍ (LF stays a line break). */
export function VisibleText({ text }: { text: string }) {
  if (!text.includes('\r')) return <>{text}</>;
  const parts = text.split('\r');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <span class="eol" title={t('carriage_return')}>
              ␍
            </span>
          )}
        </Fragment>
      ))}
    </>
  );
}
