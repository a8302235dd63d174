// Traces for the replay tests inside the extension host: one recorded against the workspace's demo server with the
// core client, and a copy whose recorded echo answer was edited, so that verifying it fails on exactly that answer.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Session } from '../../src/core/client';
import { TraceWriter } from '../../src/core/traffic';

export const RECORDED_ECHO = 'hello from the recording';

/** Records a short session against `<workspace>/server.mjs` (the demo server) into `file`. Free of vscode: the e2e specs use it too. */
export async function recordWorkspaceTrace(file: string, workspace: string): Promise<void> {
  const target = { kind: 'stdio' as const, command: process.execPath, args: [path.join(workspace, 'server.mjs')], cwd: workspace, name: 'demo' };
  const writer = new TraceWriter(file, { target: Session.traceTarget(target) });
  const session = new Session();
  try {
    await session.connect(target, { trace: writer });
    await session.listTools();
    await session.callTool('echo', { text: RECORDED_ECHO });
    await session.callTool('get_weather', { city: 'Porto' });
    await session.readResource('demo://readme');
  } finally {
    await session.close();
    writer.close();
  }
}

/** A copy of `from` whose recorded echo answer says something the server will not say again. */
export async function editedCopy(from: string, to: string): Promise<void> {
  const lines = (await fs.readFile(from, 'utf8')).split('\n');
  let edited = 0;
  const out = lines.map((line) => {
    if (!line.includes(`"text":"${RECORDED_ECHO}"`) || !line.includes('"dir":"recv"')) return line;
    edited++;
    return line.replace(`"text":"${RECORDED_ECHO}"`, '"text":"an answer the server no longer gives"');
  });
  if (edited !== 1) throw new Error(`expected one recorded echo answer in ${from}, found ${edited}`);
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.writeFile(to, out.join('\n'));
}
