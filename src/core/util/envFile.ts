// Reads a dotenv file (KEY=value lines) for a stdio server's `envFile`, with a clear error when it is missing.
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export function readEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `The envFile ${file} does not exist` : `Cannot read the envFile ${file} (${code ?? (e as Error).message})`);
  }
  return parseEnv(text) as Record<string, string>;
}
