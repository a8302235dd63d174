// The gateways this window started: starts them, keeps their tokens in SecretStorage, stops them with the window.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { GatewayProcess, GatewayLaunch } from './gatewayProcess';

const SECRET_PREFIX = 'mcpWorkbench.gateway.token.';

export class GatewayRegistry implements vscode.Disposable {
  private readonly gateways = new Map<string, GatewayProcess>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private seq = 0;

  constructor(
    private readonly cliPath: string,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  list(): GatewayProcess[] {
    return [...this.gateways.values()];
  }

  get(id: string): GatewayProcess | undefined {
    return this.gateways.get(id);
  }

  running(): GatewayProcess[] {
    return this.list().filter((g) => g.alive);
  }

  /** Starts a gateway with a fresh random 256-bit token (token mode); resolves once it listens. */
  async start(launch: Omit<GatewayLaunch, 'token'>): Promise<GatewayProcess> {
    const token = launch.authMode === 'token' ? randomBytes(32).toString('base64url') : undefined;
    const gw = new GatewayProcess({ ...launch, token }, this.cliPath, ++this.seq);
    this.gateways.set(gw.id, gw);
    if (token) await this.secrets.store(SECRET_PREFIX + gw.id, token);
    gw.onDidChange(() => this.changed.fire());
    this.changed.fire();
    try {
      await gw.ready;
    } catch (e) {
      await this.remove(gw);
      throw e;
    }
    return gw;
  }

  token(id: string): Thenable<string | undefined> {
    return this.secrets.get(SECRET_PREFIX + id);
  }

  async stop(id: string): Promise<void> {
    const gw = this.gateways.get(id);
    if (!gw) return;
    await gw.stop();
    await this.remove(gw);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.list().map((g) => this.stop(g.id)));
  }

  private async remove(gw: GatewayProcess): Promise<void> {
    this.gateways.delete(gw.id);
    await this.secrets.delete(SECRET_PREFIX + gw.id);
    gw.log.dispose();
    this.changed.fire();
  }

  dispose(): void {
    // The window is closing: stop every gateway (each also exits by itself if this process dies).
    for (const g of this.gateways.values()) g.dispose();
    this.gateways.clear();
    this.changed.dispose();
  }
}
