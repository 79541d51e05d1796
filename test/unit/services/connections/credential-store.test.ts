/**
 * The encrypted credential store of the headless host: round trip, nothing in clear on disk,
 * the machine secret's file mode, and tamper detection (any changed byte of salt, IV, tag or
 * ciphertext, a file from another OS user, or a replaced machine secret fails loudly).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CredentialStore,
  type StoredConnection,
} from '../../../../src-main/services/connections/credential-store';
import { LocalFileCipher } from '../../../../src-main/services/connections/local-file-cipher';
import { CredentialIntegrityError } from '../../../../src-main/services/connections/secret-cipher';
import { tempDir } from '../../../helpers/temp-dir';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const connection: StoredConnection = {
  id: 'a1',
  venue: 'okx',
  label: 'OKX main',
  sandbox: false,
  apiKey: 'ak-0123456789abcdef-KEY',
  secret: 'sk-SUPER-SECRET-0123456789',
  password: 'pass-phrase-42',
  createdMs: 1,
  updatedMs: 2,
};

function setup(user = 'alice') {
  const dir = tempDir();
  dirs.push(dir);
  const file = join(dir.path, 'credentials.enc');
  const secret = join(dir.path, 'machine.secret');
  return { dir, file, secret, store: new CredentialStore(file, new LocalFileCipher(secret, user)) };
}

describe('credential store (local-file cipher)', () => {
  it('round-trips connections and keeps nothing readable on disk', async () => {
    const { store, file, secret } = setup();
    expect(await store.load()).toEqual([]);
    await store.save([connection]);
    expect(await store.load()).toEqual([connection]);
    const raw = readFileSync(file);
    for (const clear of [
      'ak-0123456789abcdef-KEY',
      'SUPER-SECRET',
      'pass-phrase',
      'OKX main',
      'okx',
    ]) {
      expect(raw.includes(Buffer.from(clear))).toBe(false);
    }
    expect(raw.subarray(0, 4).toString()).toBe('CBR1');
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(secret).mode & 0o777).toBe(0o600);
    }
    expect(statSync(secret).size).toBe(32);
  });

  it('encrypts afresh each time (new salt and IV)', async () => {
    const { store, file } = setup();
    await store.save([connection]);
    const first = readFileSync(file);
    await store.save([connection]);
    expect(readFileSync(file).equals(first)).toBe(false);
  });

  it.each([
    ['salt', 4],
    ['iv', 4 + 16],
    ['tag', 4 + 16 + 12],
    ['ciphertext', 4 + 16 + 12 + 16 + 3],
  ])('detects a changed byte in the %s', async (_part, offset) => {
    const { store, file } = setup();
    await store.save([connection]);
    const raw = readFileSync(file);
    raw[offset] = (raw[offset] ?? 0) ^ 0x01;
    writeFileSync(file, raw);
    await expect(store.load()).rejects.toBeInstanceOf(CredentialIntegrityError);
  });

  it('refuses a truncated or foreign file', async () => {
    const { store, file } = setup();
    writeFileSync(file, Buffer.from('{"connections":[]}'));
    await expect(store.load()).rejects.toThrow(/not a Cerberus credentials file/);
    await store.save([connection]);
    writeFileSync(file, readFileSync(file).subarray(0, 40));
    await expect(store.load()).rejects.toBeInstanceOf(CredentialIntegrityError);
  });

  it('is bound to the OS user and to the machine secret', async () => {
    const { store, file, secret } = setup('alice');
    await store.save([connection]);
    const bob = new CredentialStore(file, new LocalFileCipher(secret, 'bob'));
    await expect(bob.load()).rejects.toBeInstanceOf(CredentialIntegrityError);
    writeFileSync(secret, Buffer.alloc(32, 7));
    await expect(store.load()).rejects.toBeInstanceOf(CredentialIntegrityError);
  });
});
