// The panel's four running logs (the server's stderr, its log messages, notifications and HTTP exchanges), each
// keeping its newest items for a reloaded webview and posting new ones in batches.
import type { HostEvent, LogEntry, NetworkEntry, NotificationEntry } from '../../shared/inspectorProtocol';
import { BoundedLog } from './boundedLog';

const STDERR_KEEP = 2000;
const LOG_KEEP = 20_000;
const NETWORK_KEEP = 5000;

export class PanelLogs {
  readonly stderr: BoundedLog<string>;
  readonly logs: BoundedLog<LogEntry>;
  readonly notifications: BoundedLog<NotificationEntry>;
  readonly network: BoundedLog<NetworkEntry>;
  /** Log messages and notifications share one sequence, so the webview can interleave them. */
  private seq = 0;

  constructor(post: (e: HostEvent) => void) {
    this.stderr = new BoundedLog(STDERR_KEEP, (lines) => post({ type: 'stderr', lines }));
    this.logs = new BoundedLog(LOG_KEEP, (entries) => post({ type: 'logs', entries }));
    this.notifications = new BoundedLog(LOG_KEEP, (entries) => post({ type: 'notifications', entries }));
    this.network = new BoundedLog(NETWORK_KEEP, (entries) => post({ type: 'network', entries }));
  }

  log(p: { level: LogEntry['level']; logger?: string; data: unknown }): void {
    this.logs.push({ seq: this.seq++, time: Date.now(), level: p.level, logger: p.logger, data: p.data });
  }

  notification(n: { method: string; params?: unknown }): void {
    this.notifications.push({ seq: this.seq++, time: Date.now(), method: n.method, params: n.params });
  }

  dispose(): void {
    for (const log of [this.stderr, this.logs, this.notifications, this.network]) log.dispose();
  }
}
