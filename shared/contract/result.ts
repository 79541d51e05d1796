/** The envelope every request returns across a transport: throws never cross processes. */
export type ErrorKind =
  'invalid-input' | 'unknown-key' | 'not-found' | 'unavailable' | 'unauthorized' | 'internal';

export interface ContractErrorBody {
  kind: ErrorKind;
  message: string;
}

export type ContractResult<T> = { ok: true; value: T } | { ok: false; error: ContractErrorBody };

/** Thrown by the client when a request fails; `kind` says whose fault it was. */
export class ContractError extends Error {
  override name = 'ContractError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A service throws this for a failure the user should see as-is (not an internal bug). */
export class ServiceError extends Error {
  override name = 'ServiceError';
  constructor(
    readonly kind: Exclude<ErrorKind, 'internal' | 'unknown-key'>,
    message: string,
  ) {
    super(message);
  }
}
