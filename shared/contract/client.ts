/**
 * The typed client the renderer (and tests) use. It does not know its transport: Electron's
 * preload bridge and the headless host's WebSocket both implement `ContractTransport`.
 */
import type { ApiInput, ApiKey, ApiOutput } from './api';
import type { EventName, EventPayload } from './events';
import { ContractError, type ContractResult } from './result';

export interface ContractTransport {
  invoke(key: string, input: unknown): Promise<ContractResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface ContractClient {
  invoke<K extends ApiKey>(key: K, input: ApiInput<K>): Promise<ApiOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(transport: ContractTransport): ContractClient {
  return {
    async invoke(key, input) {
      const result = await transport.invoke(key, input);
      if (!result.ok) throw new ContractError(result.error.kind, result.error.message);
      return result.value as never;
    },
    on(event, listener) {
      return transport.on(event, listener as (payload: unknown) => void);
    },
  };
}
