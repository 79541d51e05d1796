import type { CliCommand } from '../cli-command';

/** Every `cerberus` subcommand. Add one line per command module. */
export const commands: CliCommand[] = [];
