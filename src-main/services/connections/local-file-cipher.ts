/**
 * AES-256-GCM for the headless host. The key is HKDF-SHA256 of a 32-byte random secret kept in
 * `<dataDir>/machine.secret` (created on first use, mode 0600), salted per encryption and bound
 * to the OS user name, so the encrypted file alone is useless and a copy opened by another
 * account fails its check. GCM's tag detects any change to the ciphertext, IV or salt.
 * Layout: "CBR1" | salt(16) | iv(12) | tag(16) | ciphertext.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { CredentialIntegrityError, type SecretCipher } from './secret-cipher';

const MAGIC = Buffer.from('CBR1');
const AAD = Buffer.from('cerberus-credentials-v1');
const SALT = 16;
const IV = 12;
const TAG = 16;

async function machineSecret(path: string): Promise<Buffer> {
  try {
    const secret = await readFile(path);
    if (secret.length === 32) return secret;
    throw new CredentialIntegrityError(`${path} is not a 32-byte secret`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(path), { recursive: true });
  const secret = randomBytes(32);
  // 'wx': never overwrite a secret another process just created.
  await writeFile(path, secret, { mode: 0o600, flag: 'wx' }).catch(
    async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    },
  );
  await chmod(path, 0o600).catch(() => undefined);
  return readFile(path);
}

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown-user';
  }
}

export class LocalFileCipher implements SecretCipher {
  readonly kind = 'local-file' as const;
  readonly weaker = true;
  readonly description =
    'Keys are encrypted in a local file (AES-256-GCM) with a key derived from a secret stored ' +
    'next to it. This is weaker than the OS keychain the desktop app uses: anyone who can read ' +
    'your files can decrypt them. Use read-only keys.';

  constructor(
    private readonly secretPath: string,
    private readonly user: string = userName(),
  ) {}

  private async key(salt: Buffer): Promise<Buffer> {
    const secret = await machineSecret(this.secretPath);
    return Buffer.from(hkdfSync('sha256', secret, salt, `cerberus|${this.user}`, 32));
  }

  async encrypt(plain: string): Promise<Uint8Array> {
    const salt = randomBytes(SALT);
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', await this.key(salt), iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([MAGIC, salt, iv, cipher.getAuthTag(), body]);
  }

  async decrypt(data: Uint8Array): Promise<string> {
    const buf = Buffer.from(data);
    if (buf.length < MAGIC.length + SALT + IV + TAG || !buf.subarray(0, 4).equals(MAGIC)) {
      throw new CredentialIntegrityError('the credentials file is not a Cerberus credentials file');
    }
    let at = MAGIC.length;
    const salt = buf.subarray(at, (at += SALT));
    const iv = buf.subarray(at, (at += IV));
    const tag = buf.subarray(at, (at += TAG));
    const decipher = createDecipheriv('aes-256-gcm', await this.key(salt), iv);
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(buf.subarray(at)), decipher.final()]).toString('utf8');
    } catch {
      throw new CredentialIntegrityError(
        'the credentials file failed its integrity check (altered, or written by another user or machine)',
      );
    }
  }
}
