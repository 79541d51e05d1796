import type { CliCommand } from '../cli-command';
import { surfaceCommand } from './surface.command';

/** Every `cerberus` subcommand. Add one line per command module. */
export const commands: CliCommand[] = [surfaceCommand];
