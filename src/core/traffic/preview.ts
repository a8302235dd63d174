// The one-line preview of a trace event that the inspector's Traffic table and the trace viewer show, and the
// one clip used for it and for quoting values in messages. Pure: the webview bundle imports it too.

export const PREVIEW_MAX = 160;

/** `s` cut to `max` characters, ending in `…` when it was longer. */
export function clip(s: string, max = PREVIEW_MAX): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface PreviewableEvent {
  type: string;
  msg?: unknown;
  text?: string;
  event?: string;
  detail?: unknown;
  status?: number;
  method?: string;
  url?: string;
}

/** The params of a request or notification, `code message` of an error, the result of a response. */
export function eventPreview(e: PreviewableEvent): string {
  switch (e.type) {
    case 'message': {
      const m = (e.msg ?? {}) as { method?: unknown; params?: unknown; result?: unknown; error?: { code?: number; message?: string } };
      if (typeof m.method === 'string') return m.params === undefined ? '' : clip(JSON.stringify(m.params));
      if (m.error !== undefined) return clip(`${m.error.code ?? ''} ${m.error.message ?? ''}`.trim());
      return clip(JSON.stringify(m.result) ?? '');
    }
    case 'stderr':
      return clip(e.text ?? '');
    case 'transport':
      return clip(`${e.event ?? ''}${e.detail === undefined ? '' : ` ${typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail)}`}`);
    case 'http':
      return clip(`HTTP ${e.status ?? ''}${e.method ? ` ${e.method}` : ''}${e.url ? ` ${e.url}` : ''}`);
    default:
      return clip(e.text ?? e.type);
  }
}
