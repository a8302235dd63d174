import { createContext, useContext, useSyncExternalStore } from 'react';
import type { HostClient } from '../host/hostClient';
import type { InspectorSnapshot, InspectorStore } from './inspectorStore';

export interface InspectorContextValue {
  store: InspectorStore;
  host: HostClient;
}

export const InspectorContext = createContext<InspectorContextValue | undefined>(undefined);

export function useInspector(): InspectorContextValue {
  const v = useContext(InspectorContext);
  if (!v) throw new Error('useInspector outside InspectorContext');
  return v;
}

export function useSnapshot(): InspectorSnapshot {
  const { store } = useInspector();
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Runs a host request and reports failures in one place (the panel's error bar). */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
