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
    req.once('end', () => {
      if (size > limit) return;
      chunks.push(NEWLINE);
      resolve(Buffer.concat(chunks, size + 1));
    });
    req.once('error', () => resolve('aborted'));
    req.once('close', () => {
      if (!req.complete) resolve('aborted');
    });
  });
}

