// MCP Apps: an app may call the tools visible to apps (the default), never one marked for the model only.
import { strict as assert } from 'node:assert';
import type { Tool } from '@modelcontextprotocol/client';
import type { Session } from '../../../src/core/client';
import { McpAppHost, refuseHiddenFromApps } from '../../../src/extension/inspector/mcpAppHost';

const tool = (name: string, visibility?: string[]): Tool => ({ name, inputSchema: { type: 'object' }, ...(visibility ? { _meta: { ui: { visibility } } } : {}) }) as Tool;

describe('MCP App tool visibility', () => {
  it('lets an app call a tool without visibility, or one visible to apps', () => {
    assert.doesNotThrow(() => refuseHiddenFromApps(tool('a')));
    assert.doesNotThrow(() => refuseHiddenFromApps(tool('b', ['app'])));
    assert.doesNotThrow(() => refuseHiddenFromApps(tool('c', ['model', 'app'])));
    assert.doesNotThrow(() => refuseHiddenFromApps(undefined));
  });

  it('refuses a model-only tool before anything reaches the server', async () => {
    const calls: string[] = [];
    const session = { note: () => undefined, callTool: async (name: string) => (calls.push(name), { content: [] }) } as unknown as Session;
    const host = new McpAppHost(() => session, () => [tool('secret', ['model']), tool('open', ['app'])]);
    await assert.rejects(host.request({ appUri: 'ui://x/app.html', method: 'tools/call', params: { name: 'secret' } }), /may not call "secret".*\["model"\]/);
    await host.request({ appUri: 'ui://x/app.html', method: 'tools/call', params: { name: 'open' } });
    assert.deepEqual(calls, ['open']);
  });
});
