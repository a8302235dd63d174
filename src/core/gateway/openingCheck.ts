// The check a request without a session passes before anything is started for it: the body parses and is not
// nested deeper than any MCP message needs. A server's validators recurse once per level; a body nested thousands
// of levels deep overflows their stack, so it is refused here, before a server process exists, rather than after.
export const MAX_JSON_DEPTH = 512;

export type OpeningCheck = { parsed: unknown } | { refused: string };

export function checkOpening(body: Buffer): OpeningCheck {
  if (jsonDepth(body) > MAX_JSON_DEPTH) return { refused: `Parse error: the message is nested more than ${MAX_JSON_DEPTH} levels deep` };
  try {
    return { parsed: JSON.parse(body.toString('utf8')) };
  } catch {
    return { refused: 'Parse error: Invalid JSON' };
  }
}

/** The deepest nesting of objects and arrays in JSON text, read on the bytes (strings skipped). */
export function jsonDepth(bytes: Uint8Array): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return max;
}
