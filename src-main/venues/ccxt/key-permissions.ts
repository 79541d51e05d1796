/**
 * What an API key may do, where the venue says so. Cerberus only reads; a key that can trade or
 * withdraw is accepted but the user is warned, because a leaked read-write key is a loss.
 * - Binance: GET /sapi/v1/account/apiRestrictions (enableWithdrawals, enableFutures, ...).
 * - Bybit: GET /v5/user/query-api (readOnly, permissions.Wallet contains "Withdraw").
 * - OKX: GET /api/v5/account/config (`perm`: "read_only,trade,withdraw").
 * - Deribit: public/auth with a client signature (the secret never travels); the granted
 *   `scope` lists trade:read_write / wallet:read_write when the key has them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { CcxtExchange, CcxtVenueId } from './ccxt-exchange';
import { callImplicit } from './ccxt-exchange';
import type { VenueCredentials } from './exchange-factory';

export interface KeyPermissions {
  /** Whether the venue told us (false: unknown, e.g. a testnet without the endpoint). */
  checked: boolean;
  canTrade?: boolean | undefined;
  canWithdraw?: boolean | undefined;
  detail: string;
}

type Row = Record<string, unknown>;

function obj(x: unknown): Row {
  return x && typeof x === 'object' ? (x as Row) : {};
}

export function binancePermissions(res: unknown): KeyPermissions {
  const r = obj(res);
  const trade = [
    'enableSpotAndMarginTrading',
    'enableFutures',
    'enableMargin',
    'enableVanillaOptions',
    'enablePortfolioMarginTrading',
    'enableFixApiTrade',
  ].filter((k) => r[k] === true);
  const canWithdraw = r['enableWithdrawals'] === true;
  return {
    checked: true,
    canTrade: trade.length > 0,
    canWithdraw,
    detail:
      trade.length || canWithdraw
        ? `enabled: ${[...trade, ...(canWithdraw ? ['enableWithdrawals'] : [])].join(', ')}`
        : 'reading only',
  };
}

export function bybitPermissions(res: unknown): KeyPermissions {
  const result = obj(obj(res)['result']);
  const perms = obj(result['permissions']);
  const readOnly = Number(result['readOnly']) === 1;
  const list = (k: string) => (Array.isArray(perms[k]) ? (perms[k] as unknown[]).map(String) : []);
  const tradeScopes = [
    'ContractTrade',
    'Spot',
    'Options',
    'Derivatives',
    'Exchange',
    'CopyTrading',
    'BlockTrade',
  ];
  const canTrade = !readOnly && tradeScopes.some((k) => list(k).length > 0);
  const canWithdraw = list('Wallet').includes('Withdraw');
  return {
    checked: true,
    canTrade,
    canWithdraw,
    detail: readOnly
      ? 'read-only key'
      : `read-write key (${tradeScopes.filter((k) => list(k).length > 0).join(', ') || 'no trade scopes'})`,
  };
}

export function okxPermissions(res: unknown): KeyPermissions {
  const data = obj(res)['data'];
  const perm = String(obj(Array.isArray(data) ? data[0] : undefined)['perm'] ?? '');
  const parts = perm.split(',').map((p) => p.trim());
  return {
    checked: perm !== '',
    canTrade: parts.includes('trade'),
    canWithdraw: parts.includes('withdraw'),
    detail: perm ? `perm: ${perm}` : 'no permission field in the answer',
  };
}

export function deribitPermissions(res: unknown): KeyPermissions {
  const scope = String(obj(obj(res)['result'])['scope'] ?? '');
  return {
    checked: scope !== '',
    canTrade: /\btrade:read_write\b/.test(scope),
    canWithdraw: /\bwallet:read_write\b/.test(scope),
    detail: scope ? `scope: ${scope}` : 'no scope in the answer',
  };
}

/** Deribit client_signature: HMAC-SHA256 over "timestamp\nnonce\ndata" with the secret. */
export function deribitSignatureParams(creds: VenueCredentials, nowMs: number, nonce?: string) {
  const n = nonce ?? randomBytes(8).toString('hex');
  const signature = createHmac('sha256', creds.secret).update(`${nowMs}\n${n}\n`).digest('hex');
  return {
    grant_type: 'client_signature',
    client_id: creds.apiKey,
    timestamp: nowMs,
    nonce: n,
    signature,
    data: '',
  };
}

export async function checkKeyPermissions(
  ex: CcxtExchange,
  venue: CcxtVenueId,
  creds: VenueCredentials,
  sandbox: boolean,
  nowMs: number,
): Promise<KeyPermissions> {
  switch (venue) {
    case 'binanceusdm':
      if (sandbox) {
        return { checked: false, detail: 'the futures testnet has no permission endpoint' };
      }
      return binancePermissions(await callImplicit(ex, 'sapiGetAccountApiRestrictions'));
    case 'bybit':
      return bybitPermissions(await callImplicit(ex, 'privateGetV5UserQueryApi'));
    case 'okx':
      return okxPermissions(await callImplicit(ex, 'privateGetAccountConfig'));
    case 'deribit':
      return deribitPermissions(
        await callImplicit(ex, 'publicGetAuth', deribitSignatureParams(creds, nowMs)),
      );
  }
}
