// The Content-Security-Policy of an MCP App's frame, built from what its ui:// resource declares in
// `_meta.ui.csp` (MCP Apps spec: connectDomains -> connect-src, resourceDomains -> script/style/img/font/media,
// frameDomains -> frame-src, baseUriDomains -> base-uri). Nothing is reachable that the app did not declare.
import type { McpUiResourceCsp } from '@modelcontextprotocol/ext-apps/app-bridge' with { 'resolution-mode': 'import' };

export type { McpUiResourceCsp };

/**
 * Keeps only entries that are one source expression: a `;`, a quote, a comma or white space would let a server
 * add directives or keywords such as 'unsafe-eval' to its own policy.
 */
function sources(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.filter((d): d is string => typeof d === 'string' && d.length > 0 && d.length < 512 && !/[\s;,'"]/.test(d));
}

/** The policy for the sandbox page and (by inheritance) the app document written into it. */
export function appFrameCsp(csp: McpUiResourceCsp | undefined): string {
  const resource = sources(csp?.resourceDomains);
  const connect = sources(csp?.connectDomains);
  const frame = sources(csp?.frameDomains);
  const base = sources(csp?.baseUriDomains);
  const join = (...parts: string[]) => parts.filter(Boolean).join(' ');
  return [
    "default-src 'none'",
    // Bundled single-file apps are inline scripts and styles; 'self' is the sandbox page's own script.
    `script-src ${join("'self'", "'unsafe-inline'", 'blob:', ...resource)}`,
    `style-src ${join("'self'", "'unsafe-inline'", 'blob:', 'data:', ...resource)}`,
    `img-src ${join("'self'", 'data:', 'blob:', ...resource)}`,
    `font-src ${join("'self'", 'data:', 'blob:', ...resource)}`,
    `media-src ${join("'self'", 'data:', 'blob:', ...resource)}`,
    `connect-src ${connect.length ? connect.join(' ') : "'none'"}`,
    `worker-src ${join("'self'", 'blob:', ...resource)}`,
    `frame-src ${frame.length ? frame.join(' ') : "'none'"}`,
    "object-src 'none'",
    `base-uri ${base.length ? base.join(' ') : "'none'"}`,
    "form-action 'none'",
  ].join('; ');
}
