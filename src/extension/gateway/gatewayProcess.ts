// One gateway started by the editor: `node dist/cli.js serve --json --exit-with-parent` as a child process. It
// reads the gateway's JSON lines (ready, stats, stopped) and keeps its stderr in a log channel of its own.
import * as vscode from 'vscode';
import { spawn, ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export const TOKEN_ENV = 'MCP_WORKBENCH_GATEWAY_TOKEN';

export interface GatewayLaunch {
  /** Display name: the server's name in its config. */
  name: string;
  /** Where the server came from, to tell two gateways of the same name apart. */
  source?: { file: string; name: string };
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  authMode: 'token' | 'oauth';
  token?: string;
  /** Where the gateway appends its audit log (JSON Lines). */
  auditLog?: string;
  extraArgs?: string[];
}

export interface GatewayStatus {
  sessions: number;
  requests: number;
  rejected: number;
}

export type GatewayState = 'starting' | 'running' | 'stopped' | 'failed';

export class GatewayProcess implements vscode.Disposable {
  readonly id: string;
  readonly startedAt = Date.now();
  url: string | undefined;
  pid: number | undefined;
  state: GatewayState = 'starting';
  status: GatewayStatus = { sessions: 0, requests: 0, rejected: 0 };
  failure: string | undefined;
  /** From the ready line: the versions clients may use, and what the server answered before ready. */
  eras: { accepted: string[]; server: { legacy?: string; modern?: string[] } | null; bridged: boolean } | undefined;
  readonly log: vscode.LogOutputChannel;
  private readonly proc: ChildProcess;
  private readonly changed = new vscode.EventEmitter<GatewayProcess>();
  readonly onDidChange = this.changed.event;
  readonly ready: Promise<void>;

  constructor(
    readonly launch: GatewayLaunch,
    cliPath: string,
    seq: number,
  ) {
    this.id = `gw${seq}`;
    this.log = vscode.window.createOutputChannel(`MCP Gateway: ${launch.name}`, { log: true });
    const args = [cliPath, 'serve', '--json', '--exit-with-parent', '--auth', launch.authMode, ...(launch.token ? ['--token-env', TOKEN_ENV] : []), ...(launch.auditLog ? ['--audit-log', launch.auditLog] : []), ...(launch.extraArgs ?? []), '--', launch.command, ...launch.args];
    this.log.info(`starting: serve --auth ${launch.authMode} -- ${[launch.command, ...launch.args].join(' ')}`);
    // In desktop VS Code the extension host's executable is Electron; this makes it behave as plain Node.
    const env: NodeJS.ProcessEnv = { ...process.env, ...launch.env, ELECTRON_RUN_AS_NODE: '1' };
    if (launch.token) env[TOKEN_ENV] = launch.token;
    this.proc = spawn(process.execPath, args, { cwd: launch.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.pid = this.proc.pid;
    let resolveReady!: () => void;
    let rejectReady!: (e: Error) => void;
    this.ready = new Promise((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    this.ready.catch(() => {});
    let stderrTail = '';
    createInterface({ input: this.proc.stdout! }).on('line', (line) => {
      let msg: any;
      try {
        msg = JSON.parse(line);
      } catch {
        this.log.info(line);
        return;
      }
      if (msg.type === 'ready') {
        this.url = msg.url;
        this.state = 'running';
        this.eras = { accepted: msg.acceptedVersions ?? [], server: msg.serverEras ?? null, bridged: !!msg.bridged };
        // The token is in this line too: never log the line itself.
        this.log.info(`listening at ${msg.url} (auth: ${msg.authMode}${msg.tokenId ? `, token id ${msg.tokenId}` : ''})`);
        resolveReady();
      } else if (msg.type === 'approval') {
        void this.showApprovalCode(msg);
      } else if (msg.type === 'stats') {
        this.status = { sessions: msg.sessions, requests: msg.requests, rejected: msg.rejected };
      } else if (msg.type === 'stopped') {
        this.log.info(`stopped (${msg.reason})`);
        for (const m of msg.methods ?? []) this.log.info(`  ${m.method}: ${m.count} calls, ${m.errors} errors, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms`);
      }
      this.changed.fire(this);
    });
    this.proc.stderr!.setEncoding('utf8');
    this.proc.stderr!.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-2000);
      for (const l of text.split('\n')) if (l.trim()) this.log.info(l);
    });
    this.proc.stdin!.on('error', () => {});
    this.proc.on('error', (err) => {
      this.fail(`Could not start the gateway: ${err.message}`);
      rejectReady(new Error(this.failure));
    });
    this.proc.on('exit', (code, signal) => {
      if (this.state === 'starting') {
        const last = stderrTail.trim().split('\n').filter(Boolean).pop() ?? '';
        this.fail(`The gateway exited before it was ready (${signal ?? `code ${code}`})${last ? `: ${last.replace(/^\[[^\]]+\] \w+: /, '')}` : '.'}`);
        rejectReady(new Error(this.failure));
      } else if (this.state === 'running') {
        this.state = code === 0 ? 'stopped' : 'failed';
        if (code !== 0) this.failure = `The gateway exited (${signal ?? `code ${code}`}).`;
      }
      this.changed.fire(this);
    });
  }

  get uptimeMs(): number {
    return Date.now() - this.startedAt;
  }

  get alive(): boolean {
    return this.state === 'starting' || this.state === 'running';
  }

  /** An OAuth client waits on the approval page: the code it needs is shown here, to the developer only. */
  private async showApprovalCode(msg: { client: string; redirectUri: string; code: string }): Promise<void> {
    const copy = 'Copy code';
    const picked = await vscode.window.showInformationMessage(
      `MCP gateway "${this.launch.name}": "${msg.client}" asks for access. Approval code: ${msg.code}`,
      { modal: true, detail: `Type this code into the approval page in your browser to grant access. The client redirects to ${msg.redirectUri}. If you did not start this sign-in, choose Deny on the page.` },
      copy,
    );
    if (picked === copy) await vscode.env.clipboard.writeText(msg.code);
  }

  private fail(message: string): void {
    this.state = 'failed';
    this.failure = message;
    this.log.error(message);
  }

  /** Asks the gateway to stop (it ends every session and stops every server process), then waits for it. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    if (this.state !== 'failed') this.state = 'stopped';
    this.changed.fire(this);
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
  }
}
