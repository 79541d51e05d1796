/**
 * The one registration path for every transport (Electron IPC, WebSocket, in-process tests):
 * check the key, validate the input with zod, run the handler, turn throws into error envelopes.
 */
import type { z } from 'zod';
import { api, isApiKey, type Api, type ApiKey, type ApiOutput } from './api';
import { ContractError, ServiceError, type ContractResult } from './result';

export type Transport = 'electron' | 'websocket' | 'in-process';

export interface RequestContext {
  transport: Transport;
}

export type ApiHandlers = {
  [K in ApiKey]: (
    input: z.output<Api[K]['input']>,
    ctx: RequestContext,
  ) => Promise<ApiOutput<K>> | ApiOutput<K>;
};

export interface DispatchOptions {
  /** Validate handler output too (tests and development): catches a NaN before it leaves main. */
  validateOutput?: boolean;
  onInternalError?: (key: string, err: unknown) => void;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`)
    .join('; ');
}

export async function dispatch(
  handlers: ApiHandlers,
  key: unknown,
  input: unknown,
  ctx: RequestContext,
  options: DispatchOptions = {},
): Promise<ContractResult<unknown>> {
  if (!isApiKey(key)) {
    return {
      ok: false,
      error: { kind: 'unknown-key', message: `unknown request "${String(key).slice(0, 80)}"` },
    };
  }
  const parsed = api[key].input.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { kind: 'invalid-input', message: `${key}: ${describeIssues(parsed.error)}` },
    };
  }
  try {
    const handler = handlers[key] as (input: unknown, ctx: RequestContext) => unknown;
    const value = await handler(parsed.data, ctx);
    if (options.validateOutput) {
      const out = (api[key].output as z.ZodType).safeParse(value);
      if (!out.success) {
        const message = `${key} produced invalid output: ${describeIssues(out.error)}`;
        options.onInternalError?.(key, new Error(message));
        return { ok: false, error: { kind: 'internal', message } };
      }
    }
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ServiceError || err instanceof ContractError) {
      return {
        ok: false,
        error: { kind: err.kind === 'unknown-key' ? 'internal' : err.kind, message: err.message },
      };
    }
    options.onInternalError?.(key, err);
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { kind: 'internal', message: `${key} failed: ${message}` } };
  }
}
