// Markdown from a server, rendered as React elements from marked's token tree. No HTML string is ever
// injected: raw HTML in the source shows as text, links only open through the host after a click.
import { marked, type Token, type Tokens } from 'marked';
import { Fragment, useMemo, type ReactNode } from 'react';

export interface MarkdownProps {
  text: string;
  onOpenLink?(href: string): void;
}

export function Markdown({ text, onOpenLink }: MarkdownProps): ReactNode {
  const tokens = useMemo(() => marked.lexer(text), [text]);
  return <div className="markdown">{blocks(tokens, onOpenLink)}</div>;
}

function blocks(tokens: Token[], open?: (href: string) => void): ReactNode[] {
  return tokens.map((t, i) => <Fragment key={i}>{block(t, open)}</Fragment>);
}

function block(t: Token, open?: (href: string) => void): ReactNode {
  switch (t.type) {
    case 'heading': {
      const H = `h${Math.min(6, (t as Tokens.Heading).depth + 2)}` as 'h3';
      return <H>{inline((t as Tokens.Heading).tokens, open)}</H>;
    }
    case 'paragraph':
      return <p>{inline((t as Tokens.Paragraph).tokens, open)}</p>;
    case 'text':
      return (t as Tokens.Text).tokens ? <p>{inline((t as Tokens.Text).tokens!, open)}</p> : <p>{(t as Tokens.Text).text}</p>;
    case 'code':
      return (
        <pre className="code-block">
          <code>{(t as Tokens.Code).text}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote>{blocks((t as Tokens.Blockquote).tokens, open)}</blockquote>;
    case 'list': {
      const l = t as Tokens.List;
      const items = l.items.map((it, i) => <li key={i}>{blocks(it.tokens, open)}</li>);
      return l.ordered ? <ol start={typeof l.start === 'number' ? l.start : undefined}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table': {
      const tb = t as Tokens.Table;
      return (
        <table className="md-table">
          <thead>
            <tr>{tb.header.map((h, i) => <th key={i}>{inline(h.tokens, open)}</th>)}</tr>
          </thead>
          <tbody>
            {tb.rows.map((r, i) => (
              <tr key={i}>{r.map((c, j) => <td key={j}>{inline(c.tokens, open)}</td>)}</tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'hr':
      return <hr />;
    case 'space':
      return null;
    case 'html':
      return <pre className="code-block">{(t as Tokens.HTML).text}</pre>;
    default:
      return <p>{'raw' in t ? String(t.raw) : ''}</p>;
  }
}

function inline(tokens: Token[] | undefined, open?: (href: string) => void): ReactNode[] {
  return (tokens ?? []).map((t, i) => <Fragment key={i}>{inlineOne(t, open)}</Fragment>);
}

function inlineOne(t: Token, open?: (href: string) => void): ReactNode {
  switch (t.type) {
    case 'text': {
      const tt = t as Tokens.Text;
      return tt.tokens ? inline(tt.tokens, open) : tt.text;
    }
    case 'strong':
      return <strong>{inline((t as Tokens.Strong).tokens, open)}</strong>;
    case 'em':
      return <em>{inline((t as Tokens.Em).tokens, open)}</em>;
    case 'del':
      return <del>{inline((t as Tokens.Del).tokens, open)}</del>;
    case 'codespan':
      return <code>{(t as Tokens.Codespan).text}</code>;
    case 'br':
      return <br />;
    case 'link': {
      const l = t as Tokens.Link;
      return (
        <a
          href="#"
          title={l.href}
          onClick={(e) => {
            e.preventDefault();
            open?.(l.href);
          }}
        >
          {inline(l.tokens, open)}
        </a>
      );
    }
    case 'image': {
      // Remote images would be network access from the webview: show the alt text and address instead.
      const im = t as Tokens.Image;
      return <span className="md-image">[image: {im.text || im.href}]</span>;
    }
    case 'escape':
      return (t as Tokens.Escape).text;
    default:
      return 'raw' in t ? String(t.raw) : '';
  }
}
