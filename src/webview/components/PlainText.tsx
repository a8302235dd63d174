import { useState, type ReactNode } from 'react';

const SHOWN_CHARS = 200_000;

/** Text from a server, as text; very long text is cut until the developer asks for all of it. */
export function PlainText({ text }: { text: string }): ReactNode {
  const [all, setAll] = useState(false);
  const clipped = !all && text.length > SHOWN_CHARS;
  return (
    <>
      <pre className="plain-text">{clipped ? `${text.slice(0, SHOWN_CHARS)}\n…` : text}</pre>
      {clipped ? (
        <button type="button" onClick={() => setAll(true)}>
          Show all {(text.length / 1024).toFixed(0)} KiB
        </button>
      ) : null}
    </>
  );
}
