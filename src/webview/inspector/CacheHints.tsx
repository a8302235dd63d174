// A server's caching hints (2026-07-28: `ttlMs`, `cacheScope` on lists and reads), in words.
import type { ReactNode } from 'react';
import type { CacheHintsView } from '../../shared/inspectorProtocol';

export function CacheHints({ hints }: { hints: CacheHintsView | undefined }): ReactNode {
  if (!hints || (hints.ttlMs === undefined && hints.cacheScope === undefined)) return <span className="muted">no caching hints</span>;
  return (
    <span className="cache-hints">
      {hints.ttlMs !== undefined ? <span>ttlMs {hints.ttlMs.toLocaleString()}</span> : null}
      {hints.ttlMs !== undefined && hints.cacheScope ? ', ' : null}
      {hints.cacheScope ? <span>cacheScope {hints.cacheScope}</span> : null}
    </span>
  );
}

/** The hints of a read result, when it carries them. */
export function hintsOf(result: unknown): CacheHintsView | undefined {
  const r = result as { ttlMs?: unknown; cacheScope?: unknown } | undefined;
  const ttlMs = typeof r?.ttlMs === 'number' ? r.ttlMs : undefined;
  const cacheScope = r?.cacheScope === 'public' || r?.cacheScope === 'private' ? r.cacheScope : undefined;
  return ttlMs === undefined && cacheScope === undefined ? undefined : { ttlMs, cacheScope };
}
