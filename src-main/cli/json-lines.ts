import { createInterface } from 'node:readline';
import type { CliIo } from './cli-command';

/**
 * Reads JSON lines from stdin and writes one JSON line per input line. A line that is not JSON,
 * or that `handle` rejects, yields `{"id":..., "error": "..."}` and processing continues.
 */
export async function mapJsonLines(
  io: CliIo,
  handle: (value: unknown) => Record<string, unknown>,
): Promise<void> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      io.stdout.write(JSON.stringify({ id: null, error: 'line is not valid JSON' }) + '\n');
      continue;
    }
    let out: Record<string, unknown>;
    try {
      out = handle(value);
    } catch (err) {
      const id =
        typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : null;
      out = { id: id ?? null, error: err instanceof Error ? err.message : String(err) };
    }
    io.stdout.write(JSON.stringify(out) + '\n');
  }
}
