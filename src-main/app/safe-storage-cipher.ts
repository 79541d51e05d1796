/**
 * The OS keychain cipher for the Electron shell: `safeStorage` (Keychain on macOS, DPAPI on
 * Windows, libsecret/kwallet on Linux). Where Electron would fall back to a hard-coded
 * password (Linux without a keyring: backend "basic_text"), it is not used and the caller keeps
 * the local-file cipher, which at least says that it is weaker.
 */
import { safeStorage } from 'electron';
import { CredentialIntegrityError, type SecretCipher } from '../services/connections/secret-cipher';

export function safeStorageCipher(): SecretCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return undefined;
  }
  return {
    kind: 'os-keychain',
    weaker: false,
    description: 'Keys are encrypted with your operating system keychain (Electron safeStorage).',
    encrypt: (plain) => Promise.resolve(safeStorage.encryptString(plain)),
    decrypt: (data) => {
      try {
        return Promise.resolve(safeStorage.decryptString(Buffer.from(data)));
      } catch (err) {
        return Promise.reject(
          new CredentialIntegrityError(
            `the keychain could not decrypt the credentials file: ${err instanceof Error ? err.message : String(err)}`,
          ),
        );
      }
    },
  };
}
