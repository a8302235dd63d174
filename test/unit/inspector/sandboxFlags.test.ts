// The MCP App frames get allow-same-origin only when the sandbox page has an origin apart from the inspector's
// document and every frame above it (VS Code desktop, code-server with --proxy-domain), never under code-server's
// /proxy/<port>/ path, which is the workbench's own origin.
import * as assert from 'node:assert';
import { OPAQUE_FLAGS, OWN_ORIGIN_FLAGS, sandboxFlags, sandboxHasOwnOrigin } from '../../../src/webview/inspector/sandboxFlags';

describe('sandboxHasOwnOrigin', () => {
  it('is true for the loopback sandbox server seen from a vscode-webview document', () => {
    assert.strictEqual(sandboxHasOwnOrigin('http://127.0.0.1:41234/mcp-app-sandbox?csp=%7B%7D', 'vscode-webview://abc', ['vscode-webview://abc', 'vscode-file://vscode-app']), true);
  });

  it("is true for a code-server port domain (<port>.localhost) apart from the workbench's origin", () => {
    assert.strictEqual(sandboxHasOwnOrigin('http://41234.localhost:8080/mcp-app-sandbox', 'http://127.0.0.1:8080', ['http://127.0.0.1:8080', 'http://127.0.0.1:8080']), true);
  });

  it("is false under code-server's /proxy/<port>/ path, which shares the workbench's origin", () => {
    assert.strictEqual(sandboxHasOwnOrigin('http://127.0.0.1:8080/proxy/41234/mcp-app-sandbox', 'http://127.0.0.1:8080', ['http://127.0.0.1:8080']), false);
    assert.strictEqual(sandboxHasOwnOrigin('http://127.0.0.1:8080/proxy/41234/mcp-app-sandbox', 'vscode-webview://abc', ['vscode-webview://abc', 'http://127.0.0.1:8080']), false);
  });

  it('is false when it cannot be told: no ancestor list, an unparsable URL, an opaque origin', () => {
    assert.strictEqual(sandboxHasOwnOrigin('http://127.0.0.1:41234/', 'vscode-webview://abc', undefined), false);
    assert.strictEqual(sandboxHasOwnOrigin('not a url', 'vscode-webview://abc', []), false);
    assert.strictEqual(sandboxHasOwnOrigin('data:text/html,x', 'vscode-webview://abc', []), false);
  });
});

describe('sandboxFlags', () => {
  it("gives the spec's allow-same-origin only with an origin of its own, and never popups or top navigation", () => {
    assert.strictEqual(sandboxFlags(true), OWN_ORIGIN_FLAGS);
    assert.match(OWN_ORIGIN_FLAGS, /allow-same-origin/);
    assert.strictEqual(sandboxFlags(false), OPAQUE_FLAGS);
    assert.doesNotMatch(OPAQUE_FLAGS, /allow-same-origin/);
    for (const flags of [OWN_ORIGIN_FLAGS, OPAQUE_FLAGS]) assert.doesNotMatch(flags, /allow-popups|allow-top-navigation|allow-modals/);
  });
});
