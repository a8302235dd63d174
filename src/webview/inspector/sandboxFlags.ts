// The sandbox flags of an MCP App's frames. The MCP Apps spec gives the sandbox proxy allow-scripts and
// allow-same-origin, and the app's inner frame shares the proxy's origin: apps whose frameworks wrap
// `window.parent` in proxies (Vue's ref reads `__v_isRef` on it) fail with a SecurityError when it is another
// origin. That is safe only while the sandbox page has an origin of its own. VS Code desktop reaches the loopback
// sandbox server on its own origin; code-server without --proxy-domain maps it under its /proxy/<port>/ path, the
// workbench's own origin, where allow-same-origin would hand the app the workbench. There the frames stay opaque.

/** The spec's flags, for a sandbox page on an origin of its own. */
export const OWN_ORIGIN_FLAGS = 'allow-scripts allow-same-origin allow-forms';
/** Without an origin of its own: no same-origin access for the proxy or the app (opaque origins). */
export const OPAQUE_FLAGS = 'allow-scripts allow-forms';

/**
 * True when the sandbox page at `sandboxUrl` is on an origin that is neither this document's nor any ancestor's
 * (`location.ancestorOrigins`); false when that cannot be told (no ancestor list, an unparsable URL).
 */
export function sandboxHasOwnOrigin(sandboxUrl: string, selfOrigin: string, ancestorOrigins: ArrayLike<string> | undefined): boolean {
  if (!ancestorOrigins) return false;
  let origin: string;
  try {
    origin = new URL(sandboxUrl).origin;
  } catch {
    return false;
  }
  if (origin === 'null') return false;
  return origin !== selfOrigin && !Array.from(ancestorOrigins).includes(origin);
}

/** The flags for the proxy frame and the app frame inside it. */
export function sandboxFlags(ownOrigin: boolean): string {
  return ownOrigin ? OWN_ORIGIN_FLAGS : OPAQUE_FLAGS;
}
