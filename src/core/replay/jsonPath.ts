// Path patterns for ignore and tolerance rules: `result.content[*].text`, `result.items[0].id`, `**.timestamp`,
// `$.error.message`, `result["odd.key"]`. A pattern is matched against a concrete path (keys and array indices).
//   name      one object key          [3]   one array index
//   *         any one key or index    [*]   any one array index
//   **        any number of segments (zero included), e.g. `**.createdAt` is that key at any depth

export type PathSegment = string | number;

type PatternSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'anyKey' } | { kind: 'anyIndex' } | { kind: 'deep' };

export interface PathPattern {
  source: string;
  segments: PatternSegment[];
}

export class PathSyntaxError extends Error {}

/** Parses a pattern; throws PathSyntaxError with a one-sentence reason. */
export function parsePathPattern(source: string): PathPattern {
  let s = source.trim();
  if (s === '') throw new PathSyntaxError('An ignore path is empty.');
  if (s.startsWith('$')) s = s.slice(1);
  const segments: PatternSegment[] = [];
  let i = 0;
  const fail = (why: string) => new PathSyntaxError(`The path "${source}" is not valid: ${why} at character ${i + 1}.`);
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      // `..key` is JSONPath's recursive descent: same as `**.key`.
      if (s[i + 1] === '.') {
        segments.push({ kind: 'deep' });
        i += 2;
        continue;
      }
      i++;
      if (i >= s.length) throw fail('a dot ends the path');
      continue;
    }
    if (c === '[') {
      const close = s.indexOf(']', i);
      if (close === -1) throw fail('"[" is not closed');
      const inner = s.slice(i + 1, close).trim();
      if (inner === '*') segments.push({ kind: 'anyIndex' });
      else if (/^\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else if (/^(["']).*\1$/.test(inner)) segments.push({ kind: 'key', key: inner.slice(1, -1) });
      else throw fail(`"[${inner}]" is neither an index, [*] nor a quoted key`);
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
    const name = s.slice(i, j);
    if (name === '**') segments.push({ kind: 'deep' });
    else if (name === '*') segments.push({ kind: 'anyKey' });
    else segments.push({ kind: 'key', key: name });
    i = j;
  }
  if (segments.length === 0) throw new PathSyntaxError(`The path "${source}" names nothing.`);
  return { source, segments };
}

/** True when the concrete path matches the whole pattern. */
export function matchesPath(pattern: PathPattern, path: readonly PathSegment[]): boolean {
  return matchFrom(pattern.segments, 0, path, 0);
}

function matchFrom(p: PatternSegment[], pi: number, path: readonly PathSegment[], xi: number): boolean {
  if (pi === p.length) return xi === path.length;
  const seg = p[pi];
  if (seg.kind === 'deep') {
    for (let k = xi; k <= path.length; k++) if (matchFrom(p, pi + 1, path, k)) return true;
    return false;
  }
  if (xi === path.length) return false;
  const x = path[xi];
  const ok =
    seg.kind === 'anyKey' ||
    (seg.kind === 'anyIndex' && typeof x === 'number') ||
    (seg.kind === 'index' && x === seg.index) ||
    (seg.kind === 'key' && (x === seg.key || (typeof x === 'number' && String(x) === seg.key)));
  return ok && matchFrom(p, pi + 1, path, xi + 1);
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Renders a concrete path the way patterns are written: `result.content[0].text`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '$' : out;
}
