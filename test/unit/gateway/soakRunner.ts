// A bounded soak of the gateway: concurrent sessions doing calls, progress calls, crashes, killed server
// processes and dropped client connections, for a fixed time. It counts every request's outcome, checks that no
// request is left unanswered or answered twice, that no server process outlives the gateway, and samples memory.
// Both eras: 2025 sessions, or 2026-07-28 stateless clients over a pool of two server processes.
// Run directly for a longer run: npm run soak:gateway, or node --require tsx/cjs test/unit/gateway/soakRunner.ts [seconds] [workers] [2025|2026]
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startGateway } from '../../../src/core/gateway/gateway';
import { scratch, processAlive, waitFor } from './gatewayTestKit';

export interface SoakReport {
  seconds: number;
  workers: number;
  requests: number;
  ok: number;
  /** Answered with a JSON-RPC error from a crashed or killed server process (expected). */
  childGone: number;
  /** Rejected on the client because the test dropped its own connection (expected). */
  dropped: number;
  /** Requests that never got an answer before the client timeout (must be 0). */
  unanswered: number;
  /** Responses for requests nobody was waiting for (must be 0). */
  duplicates: number;
  otherErrors: string[];
  otherErrorCount: number;
  /** Connects refused with 503 because every session slot was taken (dropped clients hold theirs until idle). */
  refusedFull: number;
  sessions: number;
  crashes: number;
  kills: number;
  disconnects: number;
  childrenSeen: number;
  childrenLeft: number;
  echoP50Ms: number;
  echoP99Ms: number;
  /** Heap used after a full GC at each quarter of the run. */
  heapAfterGcMb: number[];
  heapStartMb: number;
  heapEndMb: number;
  rssStartMb: number;
  rssEndMb: number;
}

/** A real GC before each memory sample, so the figures show retained memory rather than garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

/** `era` 2025: each worker's client has a session of its own; 2026: stateless clients share a pool of two processes. */
export async function runSoak(seconds: number, workers = 8, era: '2025' | '2026' = '2025'): Promise<SoakReport> {
  const s = scratch();
  const gw = await startGateway({ child: { ...s.child, env: { FIXTURE_QUIET: '1' } }, maxSessions: workers * 2, idleTimeoutMs: 3000, pool: 2 });
  const modern = era === '2026';
  const r: SoakReport = { seconds, workers, requests: 0, ok: 0, childGone: 0, dropped: 0, unanswered: 0, duplicates: 0, otherErrors: [], otherErrorCount: 0, refusedFull: 0, sessions: 0, crashes: 0, kills: 0, disconnects: 0, childrenSeen: 0, childrenLeft: 0, echoP50Ms: 0, echoP99Ms: 0, heapAfterGcMb: [], heapStartMb: 0, heapEndMb: 0, rssStartMb: 0, rssEndMb: 0 };
  const pids = new Set<number>();
  const echoMs: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const warm = Date.now() + Math.min(2000, (seconds * 1000) / 4);
  let sampledStart = false;

  const classify = (e: any, droppedOnPurpose: boolean) => {
    const msg = String(e?.message ?? e);
    if (e?.code === -32000 && /server process/.test(msg)) r.childGone++;
    else if (e?.code === -32001 || /timed out/i.test(msg)) r.unanswered++;
    else if (droppedOnPurpose) r.dropped++;
    else {
      r.otherErrorCount++;
      if (r.otherErrors.length < 20) r.otherErrors.push(msg.slice(0, 200));
    }
  };

  const worker = async (w: number) => {
    while (Date.now() < deadline) {
      const client = new Client({ name: `soak-${w}`, version: '1' }, modern ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
      client.onerror = (e) => {
        if (/unknown message id/i.test(e.message)) r.duplicates++;
      };
      const transport = new StreamableHTTPClientTransport(new URL(gw.url), { requestInit: { headers: { authorization: `Bearer ${gw.token}` } } });
      try {
        await client.connect(transport);
      } catch (e) {
        const message = String((e as Error).message);
        if (/Service Unavailable/.test(message)) r.refusedFull++;
        // In a shared pool another worker's crash can take the process that was answering this client's discover.
        else if (modern && /Version negotiation failed/.test(message)) {
          r.requests++;
          r.childGone++;
        }
        else classify(e, false);
        await new Promise((res) => setTimeout(res, 200));
        continue;
      }
      r.sessions++;
      let pid = 0;
      let alive = true;
      let dropping = false;
      for (let i = 0; alive && i < 200 && Date.now() < deadline; i++) {
        if (!sampledStart && Date.now() > warm) {
          sampledStart = true;
          collectGarbage();
          r.heapStartMb = mb(process.memoryUsage().heapUsed);
          r.rssStartMb = mb(process.memoryUsage().rss);
        }
        const dice = Math.random();
        r.requests++;
        try {
          if (dice < 0.8) {
            const t0 = performance.now();
            const res: any = await client.callTool({ name: 'echo', arguments: { text: `w${w}-${i}` } }, { timeout: 10000 });
            echoMs.push(performance.now() - t0);
            if (res.content[0].text !== `w${w}-${i}`) r.otherErrors.push(`wrong answer ${res.content[0].text}`);
          } else if (dice < 0.88) {
            await client.callTool({ name: 'slow', arguments: { ms: 30, steps: 3 } }, { timeout: 10000, onprogress: () => {} });
          } else if (dice < 0.91) {
            pid = Number(((await client.callTool({ name: 'pid', arguments: {} }, { timeout: 10000 })) as any).content[0].text);
            pids.add(pid);
          } else if (dice < 0.93) {
            r.crashes++;
            await client.callTool({ name: 'crash', arguments: {} }, { timeout: 10000 });
          } else if (dice < 0.95 && pid) {
            // Kill the server process from outside while a slow call is in flight.
            r.kills++;
            const p = client.callTool({ name: 'slow', arguments: { ms: 500, steps: 2 } }, { timeout: 10000 });
            setTimeout(() => {
              try {
                process.kill(pid, 'SIGKILL');
              } catch {
                // Already gone: in a shared pool another worker may have crashed it.
              }
            }, 50);
            await p;
          } else if (dice < 0.97) {
            // Drop the connection mid-request, without DELETE, as a crashing client would.
            r.disconnects++;
            dropping = true;
            const p = client.callTool({ name: 'slow', arguments: { ms: 200, steps: 2 } }, { timeout: 10000 });
            setTimeout(() => void transport.close(), 20);
            await p;
          } else if (modern) {
            await client.listTools(undefined, { timeout: 10000 });
          } else {
            await client.ping({ timeout: 10000 });
          }
          r.ok++;
        } catch (e) {
          classify(e, dropping);
          alive = false;
        }
      }
      for (const p of gw.stats().childPids) pids.add(p);
      if (alive && !modern) await transport.terminateSession().catch(() => {});
      await client.close().catch(() => {});
    }
  };

  const sampler = setInterval(() => {
    collectGarbage();
    r.heapAfterGcMb.push(mb(process.memoryUsage().heapUsed));
  }, (seconds * 1000) / 4);
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  clearInterval(sampler);
  collectGarbage();
  for (const p of gw.stats().childPids) pids.add(p);
  r.heapEndMb = mb(process.memoryUsage().heapUsed);
  r.rssEndMb = mb(process.memoryUsage().rss);
  await gw.close();
  await waitFor(() => [...pids].every((p) => !processAlive(p)), 5000, 'server processes to exit').catch(() => {});
  r.childrenSeen = pids.size;
  r.childrenLeft = [...pids].filter(processAlive).length;
  echoMs.sort((a, b) => a - b);
  r.echoP50Ms = Math.round(pct(echoMs, 0.5) * 100) / 100;
  r.echoP99Ms = Math.round(pct(echoMs, 0.99) * 100) / 100;
  s.dispose();
  return r;
}

if (require.main === module) {
  const seconds = Number(process.argv[2] ?? 60);
  const workers = Number(process.argv[3] ?? 8);
  const era = process.argv[4] === '2026' ? '2026' : '2025';
  runSoak(seconds, workers, era).then(
    (r) => {
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      process.exitCode = r.unanswered || r.duplicates || r.childrenLeft || r.otherErrorCount ? 1 : 0;
    },
    (e) => {
      process.stderr.write(`soak failed: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
