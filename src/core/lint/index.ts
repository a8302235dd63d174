// The lint module's public surface.
export * from './lintTypes';
export { lintCatalogue, LINT_DEFAULTS, type LintOptions, type LintableTool } from './catalogueLint';
export { estimateTokens, toolContextText } from './tokenEstimate';
export { suspiciousTextFindings, visible } from './suspiciousText';
export { schemaFindings, resolveLocalRef } from './schemaRenderability';
export { toolHash, toolFingerprint, driftFindings, stableJson } from './toolHashes';
export { validateValue, draftOf } from './validateJson';
export { deprecationFindings, deprecatedFeatureOf, type DeprecatedFeature } from './deprecations';
