/** Our own advice text, with `backticked` spans shown as code (split, never parsed as HTML). */
export function CodeText({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        // Odd pieces were between backticks.
        i % 2 === 1 ? <code key={i}>{part}</code> : part,
      )}
    </>
  );
}
