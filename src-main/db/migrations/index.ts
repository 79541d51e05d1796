/**
 * Numbered, forward-only migrations. Each is a TypeScript module exporting its SQL so that it
 * bundles into the main and CLI builds without file-system lookups; never edit a shipped one,
 * add the next number.
 */
import { sql as init } from './0001-init';
import { sql as surfaceHistory } from './0002-surface-history';
import { sql as basisFundamentals } from './0003-basis-fundamentals';
import { sql as fundingMargin } from './0004-funding-margin';
import { sql as riskScenarios } from './0005-risk-scenarios';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'surface-history', sql: surfaceHistory },
  { version: 3, name: 'basis-fundamentals', sql: basisFundamentals },
  { version: 4, name: 'funding-margin', sql: fundingMargin },
  { version: 5, name: 'risk-scenarios', sql: riskScenarios },
];
