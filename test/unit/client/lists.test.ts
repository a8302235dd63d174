// Pagination and list_changed: every page is fetched, and a list_changed notification refreshes the cache.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Session } from '../../../src/core/client/session';
import type { SessionEvents } from '../../../src/core/client/types';
import { ROOT } from './helpers';

describe('Session lists', function () {
  this.timeout(20000);
  let session: Session;
  beforeEach(async () => {
    session = new Session();
    await session.connect({ kind: 'stdio', command: process.execPath, args: [join(ROOT, 'test', 'fixtures', 'servers', 'paging-and-changes.mjs')] });
  });
  afterEach(() => session.close());

  it('follows nextCursor through every page', async () => {
    const tools = await session.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['alpha', 'beta', 'gamma', 'delta', 'grow']);
    assert.equal(session.cached('tools')?.length, 5);
  });

  it('refreshes the cached list on tools/list_changed and emits listChanged', async () => {
    await session.listTools();
    const changed = new Promise<SessionEvents['listChanged']>((resolve) => session.on('listChanged', resolve));
    await session.callTool('grow', {});
    const event = await changed;
    assert.equal(event.kind, 'tools');
    assert.deepEqual(event.items.map((t) => t.name).slice(-2), ['grow', 'added-5']);
    assert.equal(session.cached('tools')?.length, 6);
  });
});
