import { useState, type ReactNode } from 'react';

/** Text beyond this is shown on request: a multi-megabyte result must not freeze the panel. */
const SHOWN_CHARS = 200_000;

/** Pretty-printed JSON as text (never as HTML). */
export function JsonView({ value, label }: { value: unknown; label?: string }): ReactNode {
  const [all, setAll] = useState(false);
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? 'undefined';
  } catch {
    text = String(value);
  }
  const clipped = !all && text.length > SHOWN_CHARS;
  return (
    <>
      <pre className="json-view" aria-label={label} tabIndex={0}>
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
