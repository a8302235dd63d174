// A small typed event emitter whose `on` returns a disposer (fits VS Code's subscriptions and React effects).
import type { Disposable } from './types';

export class TypedEmitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(value: never) => void>>();

  on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): Disposable {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (value: never) => void);
    return { dispose: () => set!.delete(listener as (value: never) => void) };
  }

  /** How many listeners an event has (to skip work nobody would see). */
  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  protected emit<K extends keyof Events>(event: K, value: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const l of [...set]) {
      try {
        (l as (value: Events[K]) => void)(value);
      } catch (e) {
        // A faulty listener must not break the protocol handling that emitted the event.
        console.error(`mcp-workbench: a "${String(event)}" listener failed:`, e);
      }
    }
  }

  protected removeAllListeners(): void {
    this.listeners.clear();
  }
}
