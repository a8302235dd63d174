// Reading resources and the panel's resource subscriptions, which outlive a connection: after every reconnect
// the panel subscribes again, and drops (with a line in stderr) what the server no longer accepts.
import type { Session } from '../../core/client';
import type { HandlerGroup, PanelContext } from './handlerTable';

export class ResourceSubscriptions {
  readonly uris = new Set<string>();

  constructor(private readonly ctx: PanelContext) {}

  async renew(session: Session): Promise<void> {
    for (const uri of [...this.uris]) {
      try {
        await session.subscribeResource(uri);
      } catch (e) {
        this.uris.delete(uri);
        this.ctx.note(`subscribing again to ${uri} failed: ${(e as Error).message}`);
      }
    }
    this.post();
  }

  private post(): void {
    this.ctx.post({ type: 'subscriptions', uris: [...this.uris] });
  }

  readonly handlers: HandlerGroup<'readResource' | 'subscribe'> = {
    readResource: ({ uri, fresh }) => this.ctx.requireSession().readResource(uri, { fresh }),
    subscribe: async ({ uri, on }) => {
      const s = this.ctx.requireSession();
      if (on) {
        await s.subscribeResource(uri);
        this.uris.add(uri);
      } else {
        await s.unsubscribeResource(uri);
        this.uris.delete(uri);
      }
      this.post();
    },
  };
}
