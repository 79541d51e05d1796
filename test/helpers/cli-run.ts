/** Runs a CLI command in-process with in-memory stdin/stdout/stderr. */
import { PassThrough } from 'node:stream';
import { main } from '../../src-main/cli/main';

export async function runCli(
  args: string[],
  stdin = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const input = new PassThrough();
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  input.end(stdin);
  const code = await main(args, { stdin: input, stdout: out, stderr: err });
  return { code, stdout, stderr };
}

export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
