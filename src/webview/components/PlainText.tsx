import type { ReactNode } from 'react';
import { ClippedText } from './ClippedText';

/** Text from a server, as text; very long text is cut until the developer asks for all of it. */
export function PlainText({ text }: { text: string }): ReactNode {
  return <ClippedText text={text} className="plain-text" />;
}
