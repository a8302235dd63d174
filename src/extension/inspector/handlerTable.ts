// The shape of the answers to webview requests, so each area (catalogue, calls, tasks, resources, client
// requests) can own its part of the table and the controller joins them.
import type { Session } from '../../core/client';
import type { HostEvent, HostMethod, ParamsOf, ResultOf } from '../../shared/inspectorProtocol';

export type Handler<M extends HostMethod> = (p: ParamsOf<M>) => Promise<ResultOf<M>> | ResultOf<M>;
export type HandlerGroup<M extends HostMethod> = { [K in M]: Handler<K> };
export type Handlers = HandlerGroup<HostMethod>;

/** What every area needs from the controller. */
export interface PanelContext {
  post(e: HostEvent): void;
  /** The connected session, or an error that says to reconnect. */
  requireSession(): Session;
  /** A line in the panel's stderr view, from the workbench itself. */
  note(line: string): void;
}
