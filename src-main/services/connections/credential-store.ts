/**
 * The connections and their API keys, in one encrypted file (`<dataDir>/credentials.enc`):
 * nothing about a connection is written in clear. Writes are atomic (temporary file, then
 * rename) with mode 0600. Only main reads this; the renderer gets `ConnectionView`s.
 */
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import type { CcxtVenueId } from '../../venues/ccxt/ccxt-exchange';
import type { SecretCipher } from './secret-cipher';

export interface StoredPermissions {
  checked: boolean;
  canTrade?: boolean | undefined;
  canWithdraw?: boolean | undefined;
  detail: string;
  checkedMs: number;
}

export interface StoredConnection {
  id: string;
  venue: CcxtVenueId;
  label: string;
  sandbox: boolean;
  apiKey?: string | undefined;
  secret?: string | undefined;
  /** OKX passphrase. */
  password?: string | undefined;
  createdMs: number;
  updatedMs: number;
  permissions?: StoredPermissions | undefined;
}

interface FileBody {
  version: 1;
  connections: StoredConnection[];
}

export class CredentialStore {
  constructor(
    private readonly path: string,
    readonly cipher: SecretCipher,
  ) {}

  /** The saved connections; none when the file does not exist yet. */
  async load(): Promise<StoredConnection[]> {
    let data: Buffer;
    try {
      data = await readFile(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const body = JSON.parse(await this.cipher.decrypt(data)) as FileBody;
    if (body.version !== 1 || !Array.isArray(body.connections)) {
      throw new Error('the credentials file has an unknown layout');
    }
    return body.connections;
  }

  async save(connections: readonly StoredConnection[]): Promise<void> {
    const body: FileBody = { version: 1, connections: [...connections] };
    const data = await this.cipher.encrypt(JSON.stringify(body));
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, this.path);
    await chmod(this.path, 0o600).catch(() => undefined);
  }
}
