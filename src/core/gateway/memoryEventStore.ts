// Per-session event store for Streamable HTTP resumability (Last-Event-ID). Bounded by count and by bytes, so a
// session that streams for hours, or returns megabyte payloads, keeps only the most recent events in memory.
import type { EventStore, EventId, JSONRPCMessage, StreamId } from '@modelcontextprotocol/server';

interface StoredEvent {
  streamId: StreamId;
  message: JSONRPCMessage;
  bytes: number;
}

/** Size assumed for a message whose size nobody told us (small notifications, priming events). */
const DEFAULT_EVENT_BYTES = 256;

export class MemoryEventStore implements EventStore {
  private readonly events = new Map<EventId, StoredEvent>();
  private next = 0;
  private bytes = 0;
  private pendingSize: number | undefined;
  private readonly prefix: string;

  constructor(
    private readonly maxEvents = 1000,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {
    // Event ids are opaque to clients; a random prefix keeps one session's ids from matching another's.
    this.prefix = Math.random().toString(36).slice(2, 8);
  }

  /**
   * The size of the message about to be stored: the gateway knows it from the line it read, which spares
   * serialising the message again just to measure it. Applies to the next storeEvent call only.
   */
  sizeOfNext(bytes: number): void {
    this.pendingSize = bytes;
  }

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    const bytes = this.pendingSize ?? DEFAULT_EVENT_BYTES;
    this.pendingSize = undefined;
    return this.storeNow(streamId, message, bytes);
  }

  /** Stores an event at once (the gateway's own streams need its id in the same turn); `bytes` is its size. */
  storeNow(streamId: StreamId, message: JSONRPCMessage, bytes: number): EventId {
    const id = `${this.prefix}-${++this.next}`;
    this.events.set(id, { streamId, message, bytes });
    this.bytes += bytes;
    while (this.events.size > this.maxEvents || (this.bytes > this.maxBytes && this.events.size > 1)) {
      const [oldest, ev] = this.events.entries().next().value!;
      this.events.delete(oldest);
      this.bytes -= ev.bytes;
    }
    return id;
  }

  async getStreamIdForEventId(eventId: EventId): Promise<StreamId | undefined> {
    return this.streamOf(eventId);
  }

  streamOf(eventId: EventId): StreamId | undefined {
    return this.events.get(eventId)?.streamId;
  }

  async replayEventsAfter(
    lastEventId: EventId,
    { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> },
  ): Promise<StreamId> {
    const from = this.events.get(lastEventId);
    if (!from) return '';
    for (const [id, message] of this.eventsAfter(lastEventId)) await send(id, message);
    return from.streamId;
  }

  /** The events of the same stream stored after `lastEventId`, in order. */
  eventsAfter(lastEventId: EventId): Array<[EventId, JSONRPCMessage]> {
    const from = this.events.get(lastEventId);
    if (!from) return [];
    const out: Array<[EventId, JSONRPCMessage]> = [];
    let after = false;
    for (const [id, ev] of this.events) {
      if (id === lastEventId) {
        after = true;
        continue;
      }
      // Priming events carry an empty message: they mark a position, they are not replayed.
      if (after && ev.streamId === from.streamId && Object.keys(ev.message).length) out.push([id, ev.message]);
    }
    return out;
  }

  /** Events and bytes held (for tests and stats). */
  get held(): { events: number; bytes: number } {
    return { events: this.events.size, bytes: this.bytes };
  }
}
