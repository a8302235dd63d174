// Per-session event store for Streamable HTTP resumability (Last-Event-ID). Bounded: keeps the most recent
// events only, so a session that streams for hours does not grow without limit.
import type { EventStore, EventId, StreamId } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

interface StoredEvent {
  streamId: StreamId;
  message: JSONRPCMessage;
}

export class MemoryEventStore implements EventStore {
  private readonly events = new Map<EventId, StoredEvent>();
  private next = 0;
  private readonly prefix: string;

  constructor(private readonly maxEvents = 1000) {
    // Event ids are opaque to clients; a random prefix keeps one session's ids from matching another's.
    this.prefix = Math.random().toString(36).slice(2, 8);
  }

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    const id = `${this.prefix}-${++this.next}`;
    this.events.set(id, { streamId, message });
    if (this.events.size > this.maxEvents) {
      const oldest = this.events.keys().next().value;
      if (oldest !== undefined) this.events.delete(oldest);
    }
    return id;
  }

  async getStreamIdForEventId(eventId: EventId): Promise<StreamId | undefined> {
    return this.events.get(eventId)?.streamId;
  }

  async replayEventsAfter(
    lastEventId: EventId,
    { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> },
  ): Promise<StreamId> {
    const from = this.events.get(lastEventId);
    if (!from) return '';
    let after = false;
    for (const [id, ev] of this.events) {
      if (id === lastEventId) {
        after = true;
        continue;
      }
      // Priming events carry an empty message: they mark a position, they are not replayed.
      if (after && ev.streamId === from.streamId && Object.keys(ev.message).length) await send(id, ev.message);
    }
    return from.streamId;
  }
}
