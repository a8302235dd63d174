import type { ReactNode } from 'react';
import { ClippedText } from './ClippedText';

/** Pretty-printed JSON as text (never as HTML). */
export function JsonView({ value, label }: { value: unknown; label?: string }): ReactNode {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? 'undefined';
  } catch {
    text = String(value);
  }
  return <ClippedText text={text} className="json-view" label={label} focusable />;
}
