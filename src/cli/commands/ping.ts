// `ping`: connects, sends ping, prints the round trip.
import { clientCommand, printJson } from '../clientCommand';
import { EXIT } from '../cliError';

export const pingCommand = clientCommand({
  name: 'ping',
  summary: 'Check that a server answers',
  operands: [],
  description: 'Connects, checks that the server answers (ping in the 2025 era, server/discover in the 2026 era) and prints\nthe server\'s name, the era and negotiated protocol version, and the round-trip time.',
  examples: ['mcp-workbench ping http://127.0.0.1:3000/mcp', 'mcp-workbench ping --json -- node build/server.js'],
  async run(session, args) {
    const started = performance.now();
    await session.ping();
    const ms = Math.round((performance.now() - started) * 100) / 100;
    const { serverInfo, protocolVersion, era, transport, probeRespawned } = session.info;
    if (args.json) printJson({ ok: true, ms, server: serverInfo, era, protocolVersion, transport, ...(probeRespawned ? { probeRespawned } : {}) });
    else process.stdout.write(`pong from ${serverInfo?.name ?? 'server'} ${serverInfo?.version ?? ''} (${transport}, ${era} era, protocol ${protocolVersion}) in ${ms} ms\n`);
    return EXIT.ok;
  },
});
