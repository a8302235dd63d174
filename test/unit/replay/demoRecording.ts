// Records a real session against the demo server through the core client, for the replay tests.
import * as path from 'node:path';
import { Session } from '../../../src/core/client';
import type { ConnectTarget } from '../../../src/core/client/types';
import type { ProtocolChoice } from '../../../src/core/client/protocolChoice';
import { TraceWriter } from '../../../src/core/traffic';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const DEMO_SERVER = path.join(REPO, 'demo', 'server.mjs');
export const DEMO_VARIANT = path.join(REPO, 'test', 'fixtures', 'servers', 'demo-variant.mjs');

export const demoTarget = (script = DEMO_SERVER): ConnectTarget => ({ kind: 'stdio', command: process.execPath, args: [script], cwd: REPO, name: 'demo' });

/** What the recorded session does; the mock tests repeat it against the mock and expect the same answers. */
export async function demoExchanges(session: Session): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  out.tools = await session.listTools();
  out.echo = await session.callTool('echo', { text: 'hello', repeat: 2 });
  out.echoAgain = await session.callTool('echo', { text: 'again', uppercase: true });
  out.weather = await session.callTool('get_weather', { city: 'Lisbon' });
  out.order = await session.callTool('create_order', { customer: { name: 'Ada', email: 'ada@example.com' }, items: [{ sku: 'ABC-123', quantity: 2 }], shipping: 'express' });
  out.readme = await session.readResource('demo://readme');
  out.prompt = await session.getPrompt('review_code', { language: 'python', code: 'print(1)' });
  out.completion = await session.complete({ ref: { type: 'ref/prompt', name: 'review_code' }, argument: { name: 'language', value: 'py' } });
  const progress: number[] = [];
  out.longTask = await session.callTool('long_task', { steps: 3, stepMs: 10 }, { onProgress: (p) => progress.push(p.progress) });
  out.progress = progress;
  out.summary = await session.callTool('summarize', { text: 'MCP connects models to tools.' });
  return out;
}

/** Records demoExchanges against `script` into `file`, in the given era; returns what the session saw. */
export async function recordDemo(file: string, script = DEMO_SERVER, protocol: ProtocolChoice = 'auto'): Promise<Record<string, unknown>> {
  const target = demoTarget(script);
  const writer = new TraceWriter(file, { target: Session.traceTarget(target) });
  const session = new Session();
  try {
    await session.connect(target, {
      protocol,
      trace: writer,
      sampling: async () => ({ role: 'assistant', model: 'test-model', content: { type: 'text', text: 'MCP links models and tools.' } }),
    });
    return await demoExchanges(session);
  } finally {
    await session.close();
    writer.close();
  }
}
