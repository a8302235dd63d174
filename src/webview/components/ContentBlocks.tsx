// Renders MCP content blocks: text (plain or markdown), images, audio, embedded resources, resource links.
// Binary data is shown through data: URLs (allowed by the CSP for img/media only); nothing becomes live HTML.
import { useState, type ReactNode } from 'react';
import { Markdown } from './Markdown';
import { JsonView } from './JsonView';
import { Codicon } from './Codicon';
import { PlainText } from './PlainText';

type Block = Record<string, any>;

export function ContentBlocks({ blocks, onOpenLink }: { blocks: unknown[]; onOpenLink?(href: string): void }): ReactNode {
  if (blocks.length === 0) return <p className="muted">No content.</p>;
  return (
    <div className="content-blocks">
      {blocks.map((b, i) => (
        <ContentBlock key={i} block={(b ?? {}) as Block} onOpenLink={onOpenLink} />
      ))}
    </div>
  );
}

export function ContentBlock({ block, onOpenLink }: { block: Block; onOpenLink?(href: string): void }): ReactNode {
  switch (block.type) {
    case 'text':
      return <TextBlock text={String(block.text ?? '')} onOpenLink={onOpenLink} />;
    case 'image':
      return (
        <figure className="content-image">
          <img src={`data:${safeMime(block.mimeType, 'image/png')};base64,${String(block.data ?? '')}`} alt={`Image (${String(block.mimeType)})`} />
          <figcaption>{String(block.mimeType)}, {sizeOfBase64(String(block.data ?? ''))}</figcaption>
        </figure>
      );
    case 'audio':
      return (
        <figure className="content-audio">
          <audio controls src={`data:${safeMime(block.mimeType, 'audio/wav')};base64,${String(block.data ?? '')}`} aria-label="Audio content" />
          <figcaption>{String(block.mimeType)}, {sizeOfBase64(String(block.data ?? ''))}</figcaption>
        </figure>
      );
    case 'resource':
      return (
        <div className="content-resource">
          <div className="content-label">
            <Codicon name="file" /> Embedded resource <code>{String(block.resource?.uri ?? '')}</code>
          </div>
          <ResourceContents contents={block.resource ?? {}} onOpenLink={onOpenLink} />
        </div>
      );
    case 'resource_link':
      return (
        <div className="content-resource-link">
          <Codicon name="link" /> <code>{String(block.uri ?? '')}</code> {block.name ? <span>{String(block.name)}</span> : null}{' '}
          {block.mimeType ? <span className="muted">{String(block.mimeType)}</span> : null}
          {block.description ? <p className="muted">{String(block.description)}</p> : null}
        </div>
      );
    default:
      return (
        <div className="content-unknown">
          <div className="content-label">Unknown content type "{String(block.type)}"</div>
          <JsonView value={block} />
        </div>
      );
  }
}

function TextBlock({ text, onOpenLink }: { text: string; onOpenLink?(href: string): void }): ReactNode {
  const looksJson = /^\s*[[{]/.test(text) && isJson(text);
  const [mode, setMode] = useState<'plain' | 'markdown' | 'json'>(looksJson ? 'json' : 'plain');
  return (
    <div className="content-text">
      <div className="segmented" role="radiogroup" aria-label="Show text as">
        {(['plain', 'markdown', 'json'] as const)
          .filter((m) => m !== 'json' || looksJson)
          .map((m) => (
            <button key={m} type="button" role="radio" aria-checked={mode === m} className={mode === m ? 'active' : ''} onClick={() => setMode(m)}>
              {m}
            </button>
          ))}
      </div>
      {mode === 'markdown' ? <Markdown text={text} onOpenLink={onOpenLink} /> : mode === 'json' ? <JsonView value={JSON.parse(text)} /> : <PlainText text={text} />}
    </div>
  );
}

/** One item of resources/read `contents`, or an embedded resource. */
export function ResourceContents({ contents, onOpenLink }: { contents: Block; onOpenLink?(href: string): void }): ReactNode {
  const mime = String(contents.mimeType ?? '');
  if (typeof contents.text === 'string') {
    if (mime.includes('json') && isJson(contents.text)) return <JsonView value={JSON.parse(contents.text)} />;
    if (mime === 'text/markdown') return <Markdown text={contents.text} onOpenLink={onOpenLink} />;
    return <PlainText text={contents.text} />;
  }
  if (typeof contents.blob === 'string') {
    if (mime.startsWith('image/')) return <img className="content-image" src={`data:${safeMime(mime, 'image/png')};base64,${contents.blob}`} alt={`Resource image (${mime})`} />;
    if (mime.startsWith('audio/')) return <audio controls src={`data:${safeMime(mime, 'audio/wav')};base64,${contents.blob}`} aria-label="Resource audio" />;
    return <HexDump base64={contents.blob} mime={mime} />;
  }
  return <JsonView value={contents} />;
}

function HexDump({ base64, mime }: { base64: string; mime: string }): ReactNode {
  const bytes = decodeBase64(base64);
  const shown = bytes.slice(0, 512);
  const lines: string[] = [];
  for (let i = 0; i < shown.length; i += 16) {
    const row = Array.from(shown.slice(i, i + 16));
    const hex = row.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = row.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${i.toString(16).padStart(8, '0')}  ${hex.padEnd(48)}  ${ascii}`);
  }
  return (
    <div>
      <div className="muted">
        Binary {mime || 'data'}, {bytes.length} bytes{bytes.length > 512 ? ' (first 512 shown)' : ''}
      </div>
      <pre className="hexdump">{lines.join('\n')}</pre>
    </div>
  );
}

function decodeBase64(b64: string): Uint8Array {
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return new Uint8Array();
  }
}

function sizeOfBase64(b64: string): string {
  const bytes = Math.floor((b64.length * 3) / 4);
  return bytes > 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}

/** Only a plain type/subtype may go into a data: URL. */
function safeMime(m: unknown, fallback: string): string {
  return typeof m === 'string' && /^[a-z]+\/[a-z0-9.+-]+$/i.test(m) ? m : fallback;
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
