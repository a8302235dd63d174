// Stdio lifecycle details: envFile, a server that dies mid-session, reconnecting with a new Session.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionError } from '../../../src/core/client/connectionError';
import { Session } from '../../../src/core/client/session';
import type { ConnectionStateChange } from '../../../src/core/client/types';
import { EVERYTHING } from './helpers';

describe('Session lifecycle over stdio', function () {
  this.timeout(20000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mcpwb-life-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads envFile variables, with env entries taking precedence', async () => {
    const envFile = join(dir, '.env');
    writeFileSync(envFile, 'FROM_FILE=file-value\nOVERRIDDEN=file\n# a comment\n');
    const session = new Session();
    try {
      await session.connect({ kind: 'stdio', command: process.execPath, args: [EVERYTHING, 'stdio'], envFile, env: { OVERRIDDEN: 'env' } });
      const text = JSON.stringify((await session.callTool('get-env', {})).content);
      assert.match(text, /FROM_FILE\\?":\s*\\?"file-value/);
      assert.match(text, /OVERRIDDEN\\?":\s*\\?"env/);
    } finally {
      await session.close();
    }
  });

  it('fails in the resolve step when the envFile is missing', async () => {
    const session = new Session();
    await assert.rejects(
      session.connect({ kind: 'stdio', command: process.execPath, args: [EVERYTHING], envFile: join(dir, 'missing.env') }),
      (e: ConnectionError) => e.step === 'resolve' && /envFile .*missing\.env does not exist/.test(e.message),
    );
  });

  it('reports a server that dies mid-session as closed, with how it ended', async () => {
    const session = new Session();
    const changes: ConnectionStateChange[] = [];
    session.on('state', (c) => changes.push(c));
    await session.connect({ kind: 'stdio', command: process.execPath, args: [EVERYTHING, 'stdio'] });
    process.kill(session.pid!, 'SIGKILL');
    for (let i = 0; i < 50 && session.state !== 'closed'; i++) await new Promise((r) => setTimeout(r, 50));
    const last = changes[changes.length - 1];
    assert.equal(last.state, 'closed');
    assert.match(last.error?.message ?? '', /The server process was killed by SIGKILL\./);
    await assert.rejects(session.ping(), /closed/);
    // A closed session can connect again.
    await session.connect({ kind: 'stdio', command: process.execPath, args: [EVERYTHING, 'stdio'] });
    await session.ping();
    await session.close();
  });
});
