/**
 * Encrypts the credentials file. Two implementations: the OS keychain through Electron's
 * `safeStorage` (src-main/app/safe-storage-cipher.ts, only in the Electron shell) and, for the
 * headless host, `LocalFileCipher` (AES-256-GCM with a key derived from a machine-local secret
 * file), which is weaker: anyone who can read the user's files can read both the secret and the
 * encrypted keys. The Connections screen says which one is in use.
 */
export type CipherKind = 'os-keychain' | 'local-file';

export interface SecretCipher {
  readonly kind: CipherKind;
  /** One sentence for the user about where keys are kept and how safe that is. */
  readonly description: string;
  /** True where the protection is weaker than the operating system's keychain. */
  readonly weaker: boolean;
  encrypt(plain: string): Promise<Uint8Array>;
  /** Throws `CredentialIntegrityError` when the data was altered or belongs elsewhere. */
  decrypt(data: Uint8Array): Promise<string>;
}

export class CredentialIntegrityError extends Error {
  override name = 'CredentialIntegrityError';
}
