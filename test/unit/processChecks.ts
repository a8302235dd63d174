// Process checks shared by the tests that start servers behind wrappers: is a pid alive, wait until it is gone,
// and a shell line whose node grandchild writes its pid before running a module.
import { pathToFileURL } from 'node:url';

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True once `pid` has exited, false if it is still alive after `ms`. */
export async function gone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

/**
 * A shell command line whose node grandchild writes its pid to `pidFile`, then runs `module` (an ES module or a
 * CommonJS file) with `argv` as its arguments: the shape of `sh -c "node server.js"`, `npx`, `uvx`.
 */
export function nodeBehindShell(pidFile: string, module: string, argv: string[] = []): string {
  const args = JSON.stringify([module, ...argv]).replace(/"/g, "'");
  const script = `import { writeFileSync } from 'node:fs'; writeFileSync('${pidFile}', String(process.pid)); process.argv.splice(1, Infinity, ...${args}); await import('${pathToFileURL(module).href}');`;
  return `"${process.execPath}" --input-type=module -e "${script}"`;
}
