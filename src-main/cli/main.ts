import { CliUsageError, type CliIo } from './cli-command';
import { commands } from './commands/index';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: cerberus <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `cerberus <command> --help` for the options of one command.',
  ].join('\n');
}

/** Entry point of the `cerberus` CLI; returns the exit code. */
export async function main(
  argv: string[],
  io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText() + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(JSON.stringify({ error: `unknown command "${name}"` }) + '\n');
    io.stderr.write(helpText() + '\n');
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(JSON.stringify({ error: message }) + '\n');
    return err instanceof CliUsageError ? 2 : 1;
  }
}
