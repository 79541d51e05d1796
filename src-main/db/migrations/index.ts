/**
 * Numbered, forward-only migrations. Each is a TypeScript module exporting its SQL so that it
 * bundles into the main and CLI builds without file-system lookups; never edit a shipped one,
 * add the next number.
 */
import { sql as init } from './0001-init';
import { sql as surfaceHistory } from './0002-surface-history';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'surface-history', sql: surfaceHistory },
];
