// Types for codeServer.mjs, so the TypeScript e2e harness can import it.
export declare const QUIET_SETTINGS: Record<string, unknown>;
export declare function freePort(): Promise<number>;
export declare function tempDir(prefix: string): string;
export declare function installVsix(vsix: string, dirs: { userDataDir: string; extensionsDir: string }): string;
export interface StartOptions {
  port?: number;
  userDataDir?: string;
  extensionsDir?: string;
  settings?: Record<string, unknown>;
  vsix?: string;
  workspaceTrust?: boolean;
  folder?: string;
  env?: Record<string, string>;
  onOutput?: (line: string) => void;
  startTimeoutMs?: number;
  keepDirs?: boolean;
  handleSignals?: boolean;
  portOrigins?: boolean;
}
export interface CodeServer {
  port: number;
  url: string;
  pid: number;
  userDataDir: string;
  extensionsDir: string;
  exited: Promise<{ code: number | null; signal: string | null }>;
  logTail(): string;
  workbenchUrl(folder: string, payload?: [string, string][]): string;
  remoteUri(path: string): string;
  stop(): Promise<void>;
}
export declare function startCodeServer(opts?: StartOptions): Promise<CodeServer>;
