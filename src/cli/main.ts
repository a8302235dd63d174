// mcp-workbench CLI: dispatches to one module per command. Errors are one sentence (plus a hint), never a stack
// trace unless --debug is given.
import { COMMANDS } from './commandTable';
import { CliError, EXIT } from './cliError';
import { killAllProcesses } from '../core/process/liveProcesses';

/**
 * SIGTERM (how CI runners stop a job) and Ctrl-C stop every server process group this CLI started, then exit, so
 * nothing is left reparented to PID 1. Commands that stop gracefully on a signal (serve, mock) handle it themselves.
 */
function stopOnSignals(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      killAllProcesses();
      process.exit(code);
    });
  }
}

/**
 * Exits once the command is done even if a handle stays open (a server's grandchild holding a pipe, a keep-alive
 * socket): output is flushed by then, and nothing the command started is still needed.
 */
function exitWhenDone(code: number): void {
  process.exitCode = code;
  setTimeout(() => {
    killAllProcesses();
    process.exit(code);
  }, 500).unref();
}

const USAGE = `Usage: mcp-workbench <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "mcp-workbench <command> --help" for a command's options.
Exit codes: 0 ok, 1 validation/verify failure, 2 usage error, 3 connection failure, 4 tool returned isError,
5 protocol error, 6 a tool asked for input nobody gave, 7 structuredContent does not match the outputSchema,
130/143 stopped by SIGINT/SIGTERM.`;

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv.filter((a) => a !== '--debug');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${process.env.MCP_WORKBENCH_VERSION ?? '0.1.0'}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`mcp-workbench: unknown command "${name}".\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`mcp-workbench ${name}: ${e.message}\n`);
      if (e.hint) process.stderr.write(`hint: ${e.hint}\n`);
      if (debug && e.cause) process.stderr.write(`${(e.cause as Error).stack ?? e.cause}\n`);
      return e.exitCode;
    }
    process.stderr.write(`mcp-workbench ${name}: ${(e as Error).message ?? String(e)}\n`);
    if (debug) process.stderr.write(`${(e as Error).stack}\n`);
    else process.stderr.write('hint: run again with --debug to see the stack trace.\n');
    return EXIT.internal;
  }
}

stopOnSignals();
// `mcp-workbench ... | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  killAllProcesses();
  process.exit(process.exitCode ?? 0);
});
main(process.argv.slice(2)).then(exitWhenDone, (e) => {
  process.stderr.write(`mcp-workbench: ${(e as Error).message}\n`);
  exitWhenDone(EXIT.internal);
});
