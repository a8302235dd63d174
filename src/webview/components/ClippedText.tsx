import { useState, type ReactNode } from 'react';

/** Text beyond this is shown on request: a multi-megabyte result must not freeze the panel. */
const SHOWN_CHARS = 200_000;

/** A `<pre>` of text that is cut after SHOWN_CHARS until the developer asks for all of it. */
export function ClippedText({ text, className, label, focusable }: { text: string; className: string; label?: string; focusable?: boolean }): ReactNode {
  const [all, setAll] = useState(false);
  const clipped = !all && text.length > SHOWN_CHARS;
  return (
    <>
      <pre className={className} aria-label={label} tabIndex={focusable ? 0 : undefined}>
        {clipped ? `${text.slice(0, SHOWN_CHARS)}\n…` : text}
      </pre>
      {clipped ? (
        <button type="button" onClick={() => setAll(true)}>
          Show all {(text.length / 1024).toFixed(0)} KiB
        </button>
      ) : null}
    </>
  );
}
