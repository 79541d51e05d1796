import type { Readable, Writable } from 'node:stream';

/** Streams a command reads and writes; tests pass in-memory streams. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** One `cerberus <name>` subcommand. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for bad arguments or input: printed as `{"error": message}` with exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}
