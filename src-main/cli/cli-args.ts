import { CliUsageError } from './cli-command';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Parses `--name value`, `--name=value` and bare `--flag` forms. */
export function parseArgs(args: string[], booleanFlags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const name = arg.slice(2);
    const next = args[i + 1];
    if (booleanFlags.includes(name) || next === undefined || next.startsWith('--')) {
      flags.set(name, true);
    } else {
      flags.set(name, next);
      i++;
    }
  }
  return { positional, flags };
}

export function stringFlag(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.flags.get(name);
  if (v === true) throw new CliUsageError(`--${name} needs a value`);
  return v;
}

export function requiredFlag(parsed: ParsedArgs, name: string): string {
  const v = stringFlag(parsed, name);
  if (v === undefined) throw new CliUsageError(`--${name} is required`);
  return v;
}

export function numberFlag(parsed: ParsedArgs, name: string, fallback: number): number {
  const v = stringFlag(parsed, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliUsageError(`--${name} must be a number, got "${v}"`);
  return n;
}

/** Comma-separated numbers, e.g. `--confidence 0.95,0.99`. */
export function numberListFlag(parsed: ParsedArgs, name: string, fallback: number[]): number[] {
  const v = stringFlag(parsed, name);
  if (v === undefined) return fallback;
  return v.split(',').map((part) => {
    const n = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(n)) {
      throw new CliUsageError(`--${name} must be comma-separated numbers, got "${v}"`);
    }
    return n;
  });
}
