// Holds the start of a POST's response (status line, headers, SSE priming event) until the answer is written, or
// for at most `maxHoldMs`, so that a quick answer leaves in one TCP segment with them. The client then wakes up
// once per call instead of twice; on a busy machine each wake-up costs far more than the work itself.
import type { ServerResponse } from 'node:http';

export function coalesceResponseStart(res: ServerResponse, maxHoldMs: number): void {
  const socket = res.socket;
  if (!socket || socket.destroyed) return;
  socket.cork();
  let held = true;
  // Writes made in the same turn as writeHead are the response's start; a later write is the answer itself.
  let startTurn = true;
  const release = () => {
    if (!held) return;
    held = false;
    clearTimeout(timer);
    if (!socket.destroyed) socket.uncork();
  };
  const timer = setTimeout(release, maxHoldMs);
  // Let the writes of this turn (and the stream's end that follows an answer) join the same segment.
  const releaseSoon = () => setImmediate(release);
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    setImmediate(() => (startTurn = false));
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
  const write = res.write;
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    const ok = (write as (...a: unknown[]) => boolean).apply(this, args);
    if (!startTurn) releaseSoon();
    return ok;
  } as ServerResponse['write'];
  const end = res.end;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    const r = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    releaseSoon();
    return r;
  } as ServerResponse['end'];
  res.once('close', release);
}
