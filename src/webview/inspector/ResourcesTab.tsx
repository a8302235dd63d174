// Resources and templates: read (text, JSON, images, binary), subscribe and see updates arrive,
// fill template parameters with completions from the server.
import { useEffect, useState, type ReactNode } from 'react';
import type { ReadResourceResult, Resource, ResourceTemplateType as ResourceTemplate } from '@modelcontextprotocol/client';
import { Codicon } from '../components/Codicon';
import { ResourceContents } from '../components/ContentBlocks';
import { describeError, useInspector, useSnapshot } from './context';
import { ItemList } from './ItemList';
import { CompletingInput } from './CompletingInput';
import { expandTemplate, templateVariables } from './uriTemplate';
import { CacheHints, hintsOf } from './CacheHints';
import { paramInputs, withParamInput } from './formInputs';

type Entry = { kind: 'resource'; key: string; item: Resource } | { kind: 'template'; key: string; item: ResourceTemplate };

export function ResourcesTab({ onError }: { onError(msg: string): void }): ReactNode {
  const { store } = useInspector();
  const { catalogue, view } = useSnapshot();
  const entries: Entry[] = [
    ...catalogue.resources.map((r) => ({ kind: 'resource' as const, key: r.uri, item: r })),
    ...catalogue.templates.map((t) => ({ kind: 'template' as const, key: `template:${t.uriTemplate}`, item: t })),
  ];
  const selected = entries.find((e) => e.key === view.selectedResource);
  return (
    <div className="split">
      <ItemList
        label="Resources"
        items={entries}
        keyOf={(e) => e.key}
        selected={view.selectedResource}
        onSelect={(key) => store.updateView({ selectedResource: key })}
        render={(e) => (
          <>
            <span className="item-name">
              <Codicon name={e.kind === 'template' ? 'symbol-parameter' : 'file'} /> {e.item.title ?? e.item.name}
            </span>
            <span className="item-desc">
              <code>{e.kind === 'template' ? e.item.uriTemplate : e.item.uri}</code>
            </span>
          </>
        )}
        searchText={(e) => `${e.item.name} ${e.item.title ?? ''} ${e.kind === 'template' ? e.item.uriTemplate : e.item.uri}`}
        emptyText="This server lists no resources or templates."
      />
      <div className="detail">
        <p className="muted list-hints">
          Lists: resources <CacheHints hints={catalogue.cacheHints?.resources} />; templates <CacheHints hints={catalogue.cacheHints?.templates} />
        </p>
        {selected?.kind === 'resource' ? <ResourceDetail key={selected.key} resource={selected.item} onError={onError} /> : null}
        {selected?.kind === 'template' ? <TemplateDetail key={selected.key} template={selected.item} onError={onError} /> : null}
        {!selected ? <p className="muted">Select a resource or a template.</p> : null}
      </div>
    </div>
  );
}

function ReadResult({ result }: { result: ReadResourceResult }): ReactNode {
  return (
    <div className="read-result">
      <p className="muted">
        Read: <CacheHints hints={hintsOf(result)} />
      </p>
      {result.contents.map((c, i) => (
        <div key={i} className="resource-content">
          <div className="muted">
            <code>{c.uri}</code> {c.mimeType ?? ''}
          </div>
          <ResourceContents contents={c as Record<string, unknown>} />
        </div>
      ))}
    </div>
  );
}

function ResourceDetail({ resource, onError }: { resource: Resource; onError(msg: string): void }): ReactNode {
  const { host } = useInspector();
  const { resourceUpdates, connection, subscriptions } = useSnapshot();
  const [result, setResult] = useState<ReadResourceResult>();
  const subscribed = subscriptions.includes(resource.uri);
  const updates = resourceUpdates[resource.uri] ?? [];
  const canSubscribe = Boolean(connection.capabilities?.resources?.subscribe);
  const read = (fresh?: boolean) => host.request('readResource', { uri: resource.uri, fresh }).then(setResult, (e) => onError(describeError(e)));
  // A subscribed resource is read again when the server says it changed.
  useEffect(() => {
    if (subscribed && updates.length) void read();
  }, [updates.length]);
  return (
    <div>
      <h2>{resource.title ?? resource.name}</h2>
      <p>
        <code>{resource.uri}</code> {resource.mimeType ? <span className="muted">{resource.mimeType}</span> : null}
      </p>
      {resource.description ? <p>{resource.description}</p> : null}
      <div className="row">
        <button type="button" className="primary" onClick={() => read()}>
          <Codicon name="go-to-file" /> Read
        </button>
        <button type="button" onClick={() => read(true)} title="Read again, ignoring the server's caching hints">
          <Codicon name="refresh" /> Fresh read
        </button>
        <label className="checkbox" title={canSubscribe ? '' : 'The server does not declare resources.subscribe'}>
          <input
            type="checkbox"
            disabled={!canSubscribe}
            checked={subscribed}
            onChange={(e) => {
              const on = e.target.checked;
              host.request('subscribe', { uri: resource.uri, on }).catch((err) => onError(describeError(err)));
            }}
          />
          Subscribe to updates
        </label>
      </div>
      {updates.length > 0 ? (
        <p className="notice" role="status" aria-live="polite">
          <Codicon name="bell-dot" /> {updates.length} update{updates.length > 1 ? 's' : ''}, last at {new Date(updates[updates.length - 1]).toLocaleTimeString()}
        </p>
      ) : null}
      {result ? <ReadResult result={result} /> : null}
    </div>
  );
}

function TemplateDetail({ template, onError }: { template: ResourceTemplate; onError(msg: string): void }): ReactNode {
  const { host, store } = useInspector();
  const { view } = useSnapshot();
  const vars = templateVariables(template.uriTemplate);
  const values = paramInputs(view, 'template', template.uriTemplate);
  const [result, setResult] = useState<ReadResourceResult>();
  const uri = expandTemplate(template.uriTemplate, values);
  return (
    <div>
      <h2>{template.title ?? template.name}</h2>
      <p>
        <code>{template.uriTemplate}</code>
      </p>
      {template.description ? <p>{template.description}</p> : null}
      <form
        className="param-form"
        onSubmit={(e) => {
          e.preventDefault();
          host.request('readResource', { uri }).then(setResult, (err) => onError(describeError(err)));
        }}
      >
        {vars.map((v) => (
          <CompletingInput
            key={v}
            label={v}
            value={values[v] ?? ''}
            onChange={(x) => store.updateView(withParamInput(store.get().view, 'template', template.uriTemplate, v, x))}
            complete={(value) => host.request('complete', { ref: { type: 'ref/resource', uri: template.uriTemplate }, argument: v, value, context: values })}
          />
        ))}
        <p>
          URI: <code>{uri}</code>
        </p>
        <button type="submit" className="primary">
          <Codicon name="go-to-file" /> Read
        </button>
      </form>
      {result ? <ReadResult result={result} /> : null}
    </div>
  );
}
