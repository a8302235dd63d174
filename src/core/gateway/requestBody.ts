// Reads a request body once, bounded, as the bytes of a stdio line: the gateway forwards them as they are.
import type { IncomingMessage } from 'node:http';

const NEWLINE = Buffer.from('\n');

/** The whole body with a newline appended (ready to be a stdio line), or why there is none. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    // Each of these fires at most once per request: plain listeners save once()'s wrapper on every request.
    req.on('end', () => {
      if (size > limit) return;
      chunks.push(NEWLINE);
      resolve(Buffer.concat(chunks, size + 1));
    });
    req.on('error', () => resolve('aborted'));
    req.on('close', () => {
      if (!req.complete) resolve('aborted');
    });
  });
}

