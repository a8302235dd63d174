// A 2025 Streamable HTTP session is ended with DELETE on close: a gateway holds one server process per session,
// and without it the process would live until the idle timeout (30 minutes by default).
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Session } from '../../../src/core/client';
import { startGateway, type Gateway } from '../../../src/core/gateway/gateway';

const BOTH = join(__dirname, '..', '..', 'fixtures', 'servers', 'eras', 'both.mjs');

describe('Session.close over Streamable HTTP', function () {
  this.timeout(30_000);
  let gateway: Gateway;
  before(async () => {
    gateway = await startGateway({ child: { command: process.execPath, args: [BOTH] }, auth: 'none', log: () => undefined });
  });
  after(() => gateway.close());

  it('ends the 2025 session on the server, which then stops its process', async () => {
    const session = new Session();
    await session.connect({ kind: 'http', url: gateway.url }, { protocol: '2025-11-25' });
    assert.equal(gateway.stats().sessions, 1);
    const pid = gateway.stats().childPids[0];
    await session.close();
    assert.equal(gateway.stats().sessions, 0);
    const until = Date.now() + 5000;
    while (gateway.stats().childPids.includes(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.ok(!gateway.stats().childPids.includes(pid), `the session's server process ${pid} is stopped`);
  });
});
