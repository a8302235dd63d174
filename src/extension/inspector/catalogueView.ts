// The server's lists (tools, resources, templates, prompts) as the panel shows them, and the Lint report over
// them: tool checks, changes since the remembered hashes, and the deprecated features the server was seen using.
import type { Tool } from '@modelcontextprotocol/client';
import type { ListKind, Session } from '../../core/client';
import { deprecatedFeatureOf, deprecationFindings, lintCatalogue, type DeprecatedFeature, type LintReport } from '../../core/lint';
import type { Catalogue } from '../../shared/inspectorProtocol';
import type { HandlerGroup, PanelContext } from './handlerTable';
import type { KeyValueStore } from './hostApi';

export interface CatalogueContext extends PanelContext {
  state: KeyValueStore;
  /** Where the tool hashes of the last Lint are remembered for this server. */
  hashesKey: string;
  /** Whether the server declares logging (deprecated from 2026-07-28). */
  declaresLogging(): boolean;
}

export class CatalogueView {
  catalogue: Catalogue = { tools: [], resources: [], templates: [], prompts: [] };
  lint: LintReport | undefined;
  private baselineHashes: Record<string, string> | undefined;
  /** Deprecated features (2026-07-28) the server was seen using: they become Lint notes. */
  private readonly deprecatedUsed = new Set<DeprecatedFeature>();

  constructor(private readonly ctx: CatalogueContext) {}

  /** Lists everything the server declares; a list that fails is empty, with a line in stderr. */
  async load(session: Session): Promise<void> {
    const caps = session.info.capabilities ?? {};
    const quiet = async <T>(p: Promise<T>, fallback: T, what: string): Promise<T> => {
      try {
        return await p;
      } catch (e) {
        this.ctx.note(`listing ${what} failed: ${(e as Error).message}`);
        return fallback;
      }
    };
    const [tools, resources, templates, prompts] = await Promise.all([
      caps.tools ? quiet(session.listTools(), [], 'tools') : [],
      caps.resources ? quiet(session.listResources(), [], 'resources') : [],
      caps.resources ? quiet(session.listResourceTemplates(), [], 'resource templates') : [],
      caps.prompts ? quiet(session.listPrompts(), [], 'prompts') : [],
    ]);
    // The core's Session still returns SDK v1 shapes; they are the same JSON as the v2 types.
    const cacheHints: NonNullable<Catalogue['cacheHints']> = {};
    for (const kind of ['tools', 'resources', 'templates', 'prompts'] as const) {
      const h = session.cacheHints(kind);
      if (h) cacheHints[kind] = h;
    }
    this.catalogue = { tools, resources, templates, prompts, cacheHints } as unknown as Catalogue;
    this.ctx.post({ type: 'catalogue', catalogue: this.catalogue });
    this.baselineHashes = this.ctx.state.get<Record<string, string>>(this.ctx.hashesKey);
    this.runLint();
  }

  /** A list_changed notification brought a new list. */
  replace(kind: ListKind, items: unknown[]): void {
    this.catalogue = { ...this.catalogue, [kind]: items };
    this.ctx.post({ type: 'catalogue', catalogue: this.catalogue });
    if (kind === 'tools') this.runLint();
  }

  /** A method the server sent (or embedded in an input round); a deprecated one becomes a Lint note. */
  noteMethod(method: string | undefined): void {
    const f = deprecatedFeatureOf(method);
    if (!f || this.deprecatedUsed.has(f)) return;
    this.deprecatedUsed.add(f);
    if (this.lint) this.runLint();
  }

  toolNamed(name: string): Catalogue['tools'][number] | undefined {
    return this.catalogue.tools.find((t) => t.name === name);
  }

  private runLint(): void {
    const report = lintCatalogue(this.catalogue.tools as Tool[], { previousHashes: this.baselineHashes });
    if (this.ctx.declaresLogging()) this.deprecatedUsed.add('logging');
    this.lint = { ...report, findings: [...report.findings, ...deprecationFindings(this.deprecatedUsed)] };
    void this.ctx.state.update(this.ctx.hashesKey, this.lint.hashes);
    this.ctx.post({ type: 'lint', report: this.lint });
  }

  readonly handlers: HandlerGroup<'refreshLists' | 'getPrompt' | 'complete'> = {
    refreshLists: async () => this.load(this.ctx.requireSession()),
    getPrompt: ({ name, args }) => this.ctx.requireSession().getPrompt(name, args),
    complete: async ({ ref, argument, value, context }) => {
      const r = await this.ctx.requireSession().complete({ ref, argument: { name: argument, value }, ...(context ? { context: { arguments: context } } : {}) });
      return r.completion.values;
    },
  };
}
