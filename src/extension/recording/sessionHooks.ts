// The inspector announces each Session it creates here (one line in its controller), so recording can attach to
// the session's traffic without the inspector knowing anything about recording.
import type { Session } from '../../core/client';
import type { ConnectTarget } from '../../core/client/types';

export interface InspectorSessionInfo {
  session: Session;
  /** The panel's stable key (one panel per server) and its label. */
  key: string;
  label: string;
  target: ConnectTarget;
}

type Listener = (info: InspectorSessionInfo) => void;
const listeners = new Set<Listener>();

export const inspectorSessions = {
  /** Called by the inspector right after it creates a Session and before it connects. */
  announce(info: InspectorSessionInfo): void {
    for (const l of listeners) {
      try {
        l(info);
      } catch {
        // A failing listener must never break a connection.
      }
    }
  },
  subscribe(listener: Listener): { dispose(): void } {
    listeners.add(listener);
    return { dispose: () => listeners.delete(listener) };
  },
};
