import { Fragment } from 'preact';

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
            <span class="eol" title="CR (carriage return)">
              ␍
            </span>
          )}
        </Fragment>
      ))}
    </>
  );
}
