/**
 * The request map: every call the renderer (or a browser over WebSocket) can make to main.
 * Keys are `feature.verbNoun`; each feature declares its slice in `features/<feature>.api.ts`
 * with zod input and output schemas. Main's handlers are declared `satisfies ApiHandlers`, so
 * a key without a handler fails to compile.
 */
import type { z } from 'zod';
import { appApi } from './features/app.api';
import { basisApi } from './features/basis.api';
import { bookApi } from './features/book.api';
import { connectionsApi } from './features/connections.api';
import { fundingApi } from './features/funding.api';
import { limitsApi } from './features/limits.api';
import { marginApi } from './features/margin.api';
import { marketApi } from './features/market.api';
import { riskApi } from './features/risk.api';
import { surfaceApi } from './features/surface.api';

export const api = {
  ...appApi,
  ...bookApi,
  ...marketApi,
  ...limitsApi,
  ...basisApi,
  ...surfaceApi,
  ...fundingApi,
  ...marginApi,
  ...connectionsApi,
  ...riskApi,
} as const;

export type Api = typeof api;
export type ApiKey = keyof Api;
export type ApiInput<K extends ApiKey> = z.input<Api[K]['input']>;
export type ApiOutput<K extends ApiKey> = z.output<Api[K]['output']>;
export type { AppInfo } from './features/app.api';

export function isApiKey(key: unknown): key is ApiKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(api, key);
}
