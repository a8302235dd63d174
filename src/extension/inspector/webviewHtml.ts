// The inspector webview's page: a strict CSP (nothing but our own script with a nonce, our css and font,
// data: images and audio for content blocks, frames only from the MCP Apps sandbox page) and no network at all.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** `frameSource` is the origin of the MCP Apps sandbox page (AppSandboxServer), if the panel frames apps. */
export function contentSecurityPolicy(cspSource: string, nonce: string, frameSource?: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    'media-src data:',
    // MCP Apps render inside the sandbox page, which has its own policy (srcdoc frames would inherit this one).
    `frame-src ${frameSource ?? "'none'"}`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function inspectorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: 'inspector' | string = 'inspector', frameSource?: string): string {
  const nonce = newNonce();
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css'));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce, frameSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>MCP Inspector</title>
</head>
<body data-view="${view}">
<div id="root"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
