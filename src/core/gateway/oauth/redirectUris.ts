// Which redirect URIs a client may register: https, or http to a loopback host (a native app's local listener).
// Anything else would let a registered client send authorization codes to another machine in clear text.
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** True when the URI must be refused. */
export function refusedRedirectUri(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return true;
  }
  if (url.hash) return true;
  if (url.protocol === 'https:') return false;
  return url.protocol !== 'http:' || !LOOPBACK.has(url.hostname);
}
