/** Where Cerberus keeps its data and finds its bundled assets. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The platform's user-data folder (the same one Electron's app.getPath('userData') gives),
 * overridden by CERBERUS_DATA_DIR.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env['CERBERUS_DATA_DIR']) return env['CERBERUS_DATA_DIR'];
  if (platform === 'win32')
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Cerberus');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Cerberus');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Cerberus');
}

export const DB_FILE = 'cerberus.db';
