export { StdioProcessTransport, MessageTooLargeError, formatBytes } from './stdioProcessTransport';
export type { StdioProcessSpec, StdioProcessHooks, ProcessExit } from './stdioProcessTransport';
export { serverEnvironment } from './serverEnvironment';
export { killAllProcesses, liveProcessCount } from './liveProcesses';
export { LineFramer } from './lineFramer';
