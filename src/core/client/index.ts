// The client module's public surface.
export * from './types';
export * from './connectionError';
export { Session, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from './session';
export { headlessAuthorize, LoopbackCatcher, MemoryOAuthStore } from './oauth';
export { resolveServerEntry, workspaceFolderOf, type InputPrompter, type ResolveOptions } from './resolveTarget';
