// mcp-workbench CLI: dispatches to one module per command. Errors are one sentence (plus a hint), never a stack
// trace unless --debug is given.
import { COMMANDS } from './commandTable';
import { CliError, EXIT } from './cliError';

const USAGE = `Usage: mcp-workbench <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "mcp-workbench <command> --help" for a command's options.
Exit codes: 0 ok, 1 validation/verify failure, 2 usage error, 3 connection failure, 4 tool returned isError, 5 protocol error.`;

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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`mcp-workbench: ${(e as Error).message}\n`);
    process.exitCode = EXIT.internal;
  },
);
