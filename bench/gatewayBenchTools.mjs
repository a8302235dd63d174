// The tools every bench target serves, so that each path runs the same server code: echo (latency), size and
// blob (1 MB payloads each way).
import { z } from 'zod';

export function registerBenchTools(server) {
  server.registerTool('echo', { description: 'Echo the text back', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  server.registerTool('size', { description: 'Length of the text it was given', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text: String(text.length) }] }));
  server.registerTool('blob', { description: 'A text of the given size', inputSchema: z.object({ bytes: z.number() }) }, async ({ bytes }) => ({ content: [{ type: 'text', text: 'x'.repeat(bytes) }] }));
}
