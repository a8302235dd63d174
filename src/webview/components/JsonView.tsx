import type { ReactNode } from 'react';

/** Pretty-printed JSON as text (never as HTML). */
export function JsonView({ value, label }: { value: unknown; label?: string }): ReactNode {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? 'undefined';
  } catch {
    text = String(value);
  }
  return (
    <pre className="json-view" aria-label={label} tabIndex={0}>
      {text}
    </pre>
  );
}
