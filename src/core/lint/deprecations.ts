// Notes for features a server uses that protocol 2026-07-28 deprecates (SEP-2577): roots, sampling and logging.
// They keep working for at least twelve months, so these are notes, not errors; each names the replacement
// the specification gives.
import type { LintFinding } from './lintTypes';

export type DeprecatedFeature = 'roots' | 'sampling' | 'logging';

const REPLACEMENT: Record<DeprecatedFeature, { how: string; instead: string }> = {
  roots: { how: 'asks the client for roots (roots/list)', instead: 'pass paths via tool parameters, resource URIs, or configuration' },
  sampling: { how: 'asks the client to sample a model (sampling/createMessage)', instead: 'call LLM provider APIs directly' },
  logging: { how: 'uses MCP logging (the logging capability or notifications/message)', instead: 'log to stderr (stdio servers) or use OpenTelemetry' },
};

/** One info finding per deprecated feature the server was seen using, in a fixed order. */
export function deprecationFindings(used: Iterable<DeprecatedFeature>): LintFinding[] {
  const seen = new Set(used);
  return (['roots', 'sampling', 'logging'] as const)
    .filter((f) => seen.has(f))
    .map((f) => ({
      code: 'deprecated-feature' as const,
      severity: 'info' as const,
      message: `The server ${REPLACEMENT[f].how}, which protocol 2026-07-28 deprecates (SEP-2577). The specification says to ${REPLACEMENT[f].instead}.`,
    }));
}

/** The deprecated feature a server->client message (or an embedded input request) belongs to, if any. */
export function deprecatedFeatureOf(method: string | undefined): DeprecatedFeature | undefined {
  if (method === 'roots/list') return 'roots';
  if (method === 'sampling/createMessage') return 'sampling';
  if (method === 'notifications/message' || method === 'logging/setLevel') return 'logging';
  return undefined;
}
