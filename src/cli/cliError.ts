// Exit codes and the one error type the CLI prints as a sentence plus a hint.
export const EXIT = {
  ok: 0,
  failed: 1, // validation errors, verify mismatch
  usage: 2,
  connection: 3,
  toolError: 4, // tools/call answered with isError: true
  protocol: 5, // JSON-RPC error from the server
  inputNeeded: 6, // a tool asked for input and no answer was given (no terminal, no --input-response)
  outputSchema: 7, // tools/call structuredContent does not match the tool's outputSchema
  internal: 70,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
