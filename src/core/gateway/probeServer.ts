// Starts the served command once before the gateway says it is ready, so `serve -- /no/such/command` fails at once
// with the cause instead of on the first client. The probe asks for `server/discover` (the 2026-07-28 opening) and
// then `initialize` (the 2025 opening) on one process: whichever it answers tells the eras the server speaks.
import { CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, LATEST_PROTOCOL_VERSION, PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { ServerProcess, type ServerCommand } from './serverProcess';

export const MODERN_REVISION = '2026-07-28';

export interface ServerEras {
  /** The 2025-era version it answered `initialize` with, if it did. */
  legacy?: string;
  /** The modern revisions `server/discover` listed, if it answered. */
  modern?: string[];
}

export type ProbeResult = { ok: true; eras: ServerEras; pid: number | undefined } | { ok: false; reason: string };

const CLIENT_INFO = { name: 'mcp-workbench-gateway-probe', version: '1' };
const DISCOVER = {
  method: 'server/discover',
  params: { _meta: { [PROTOCOL_VERSION_META_KEY]: MODERN_REVISION, [CLIENT_CAPABILITIES_META_KEY]: {}, [CLIENT_INFO_META_KEY]: CLIENT_INFO } },
};
const INITIALIZE = { method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: CLIENT_INFO } };

type Answer = { result?: any; error?: any };

export async function probeServer(spec: ServerCommand, timeoutMs: number): Promise<ProbeResult> {
  const deadline = Date.now() + timeoutMs;
  let asked = [DISCOVER, INITIALIZE];
  let run = await ask(spec, asked, deadline);
  // A 2025-only server may exit on a method it does not know: ask it again with the handshake alone.
  if (!('failed' in run) && run.answers.length === 0 && run.ended) run = await ask(spec, (asked = [INITIALIZE]), deadline);
  if ('failed' in run) return { ok: false, reason: run.failed };
  const answerTo = (req: object): Answer | undefined => run.answers[asked.indexOf(req as typeof DISCOVER)];
  const eras: ServerEras = {};
  const discovered = answerTo(DISCOVER)?.result?.supportedVersions;
  if (Array.isArray(discovered)) eras.modern = discovered.filter((v): v is string => typeof v === 'string');
  const version = answerTo(INITIALIZE)?.result?.protocolVersion;
  if (typeof version === 'string') eras.legacy = version;
  if (run.answers.length > 0) return { ok: true, eras, pid: run.pid };
  if (run.ended) return { ok: false, reason: run.ended };
  return { ok: false, reason: `The server did not answer within ${Math.round(timeoutMs / 1000)} s of starting; check the command, or pass --lazy to start it only when a client connects.` };
}

/** Starts the server and sends each request after the previous one is answered; stops it after the last. */
async function ask(
  spec: ServerCommand,
  requests: { method: string; params: object }[],
  deadline: number,
): Promise<{ failed: string } | { answers: Answer[]; ended?: string; pid: number | undefined }> {
  const answers = new Map<number, Answer>();
  let wake: (() => void) | undefined;
  let ended: string | undefined;
  const proc = new ServerProcess(spec, {
    message: (msg: JSONRPCMessage) => {
      const id = (msg as { id?: unknown }).id;
      if (typeof id === 'number' && !('method' in msg)) answers.set(id, msg as Answer);
      wake?.();
    },
    diagnostic: () => undefined,
    exit: (reason, tail) => {
      ended = `Checking that the server starts: ${reason}${tail ? ` Last stderr output: ${tail.slice(-500)}` : ''}`;
      wake?.();
    },
  });
  try {
    if (!(await proc.started)) return { failed: ended! };
    const pid = proc.pid;
    for (let id = 1; id <= requests.length; id++) {
      proc.send({ jsonrpc: '2.0', id, ...requests[id - 1] } as JSONRPCMessage);
      while (!answers.has(id) && !ended) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          wake = () => {
            clearTimeout(t);
            r();
          };
        });
      }
      if (!answers.has(id)) break;
    }
    // In request order, up to the first one left unanswered.
    const inOrder: Answer[] = [];
    for (let id = 1; answers.has(id); id++) inOrder.push(answers.get(id)!);
    return { answers: inOrder, ended, pid };
  } finally {
    await proc.stop();
  }
}
