// In Restricted Mode (an untrusted workspace) the Servers view still lists servers and says they are never started.
import * as assert from 'node:assert';
import { useWorkbench } from './harness';

describe('Restricted Mode (packaged VSIX, workspace trust on)', function () {
  const wb = useWorkbench('restricted-mode', { restricted: true });

  it('lists the servers and says none will be started until the workspace is trusted', async () => {
    await wb().openView('MCP Workbench');
    await wb().treeItem('demo').waitFor({ state: 'visible' });
    const message = wb().page.locator('.part.sidebar .message', { hasText: 'Restricted Mode' }).first();
    await message.waitFor({ state: 'visible' });
    assert.match(await message.innerText(), /servers are listed but never started/);
    await wb().step('restricted-servers-view');
  });
});
