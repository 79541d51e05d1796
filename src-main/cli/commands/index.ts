import type { CliCommand } from '../cli-command';
import { basisCommand } from './basis.command';
import { demoCommand } from './demo.command';
import { ivCommand } from './iv.command';
import { priceCommand } from './price.command';
import { fundingCommand } from './funding.command';
import { liqCommand } from './liq.command';
import { serveCommand } from './serve.command';
import { surfaceCommand } from './surface.command';
import { varCommand } from './var.command';
import { stressCommand } from './stress.command';
import { backtestCommand } from './backtest.command';

/** Every `cerberus` subcommand. Add one line per command module. */
export const commands: CliCommand[] = [
  serveCommand,
  demoCommand,
  priceCommand,
  ivCommand,
  surfaceCommand,
  basisCommand,
  liqCommand,
  fundingCommand,
  varCommand,
  stressCommand,
  backtestCommand,
];
