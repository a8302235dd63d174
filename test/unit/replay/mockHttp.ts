// Runs `mcp-workbench mock <trace> --http` as a child process for a test: resolves with its URL once it prints
// its ready line, and stops it (SIGTERM, then waits for the exit) after `use`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export async function withMockHttp<T>(cliArgs: string[], trace: string, use: (url: string) => Promise<T>, cwd?: string): Promise<T> {
  const child = spawn(process.execPath, [...cliArgs, 'mock', trace, '--http', '--auth', 'none', '--json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('mock --http did not print its URL')), 30_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = JSON.parse(line) as { type: string; url: string };
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve(m.url);
        }
      });
      child.once('exit', (code) => reject(new Error(`mock --http exited with ${code}`)));
    });
    return await use(url);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
