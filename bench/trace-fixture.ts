// The synthetic trace the trace benchmarks share (bench:trace-open, bench:trace-tools): a 2025 session of tool
// calls and resource reads with progress, stderr lines and an error every 97 calls, ~500 bytes per event.
import { TraceWriter } from '../src/core/traffic/traceWriter';

const LOREM = 'The quick brown fox jumps over the lazy dog while the server streams results back to the client. ';

/** Writes `events` events: tool calls and reads with progress, stderr lines and some errors. */
export function generateBenchTrace(file: string, events: number): void {
  const w = new TraceWriter(file, { target: { transport: 'stdio', command: 'node', args: ['server.js'], name: 'bench' } });
  let t = 0;
  w.write({ type: 'message', t, dir: 'send', msg: { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } } });
  w.write({ type: 'message', t: 1, dir: 'recv', msg: { jsonrpc: '2.0', id: 0, result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'bench-server', version: '1.0.0' } } } });
  for (let i = 1; w.eventCount < events; i++) {
    t += 0.5;
    w.write({ type: 'message', t, dir: 'send', msg: { jsonrpc: '2.0', id: i, method: i % 7 === 0 ? 'resources/read' : 'tools/call', params: { name: 'search', arguments: { query: `query number ${i}`, limit: 10 }, _meta: { progressToken: i } } } });
    if (i % 10 === 0) w.write({ type: 'message', t: t + 0.05, dir: 'recv', msg: { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: i, progress: 1, total: 2 } } });
    if (i % 25 === 0) w.write({ type: 'stderr', t: t + 0.1, text: `[server] handled request ${i}` });
    const failed = i % 97 === 0;
    w.write({ type: 'message', t: t + 0.2 + (i % 13), dir: 'recv', msg: failed ? { jsonrpc: '2.0', id: i, error: { code: -32603, message: 'Internal error' } } : { jsonrpc: '2.0', id: i, result: { content: [{ type: 'text', text: `Result ${i}: ${LOREM.repeat(8)}` }] } } });
  }
  w.close();
}

