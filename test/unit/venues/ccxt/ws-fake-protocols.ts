/**
 * The public-stream protocols of Binance USD-M, Bybit V5 and OKX V5 as their API documentation
 * describes them, for the local websocket server (`ws-fake-venue.ts`). Pushed messages are the
 * documented examples in `test/fixtures/venues/<venue>/ws_*.json` with prices and times moved by
 * the server's tick: mark and book up 0.1 per tick, timestamps 1 ms per tick.
 */
import { fixture } from './replay';
import type { WsProtocol } from './ws-fake-venue';

type Json = Record<string, unknown>;
const parse = (raw: string): Json | undefined => {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
};
const px = (base: number, tick: number, digits: number) => (base + tick / 10).toFixed(digits);

/** Binance USD-M: `{"method":"SUBSCRIBE","params":[...],"id":n}` -> `{"result":null,"id":n}`. */
export function binanceProtocol(): WsProtocol {
  const mark = fixture<Json>('binanceusdm', 'ws_markPrice_BTCUSDT.json');
  const book = fixture<Json>('binanceusdm', 'ws_bookTicker_BTCUSDT.json');
  return {
    onMessage(raw, reply) {
      const msg = parse(raw);
      if (msg?.['method'] !== 'SUBSCRIBE') return undefined;
      reply({ result: null, id: msg['id'] });
      return (msg['params'] as string[] | undefined) ?? [];
    },
    push(channel, tick) {
      if (channel.includes('@markPrice'))
        return { ...mark, E: 1795321800000 + tick, p: px(98412.3, tick, 8) };
      return {
        ...book,
        b: px(98412.2, tick, 2),
        a: px(98412.3, tick, 2),
        T: 1795321800012 + tick,
        E: 1795321800015 + tick,
      };
    },
  };
}

/** Bybit V5: `{"op":"subscribe","args":[topics],"req_id":...}`; a snapshot, then deltas. */
export function bybitProtocol(): WsProtocol {
  const snap = fixture<{ data: Json } & Json>('bybit', 'ws_tickers_BTCUSDT.json');
  return {
    onMessage(raw, reply) {
      const msg = parse(raw);
      const ack = { success: true, ret_msg: '', conn_id: 'fake-conn', req_id: msg?.['req_id'] };
      if (msg?.['op'] === 'ping') {
        reply({ ...ack, ret_msg: 'pong', op: 'ping' });
        return undefined;
      }
      if (msg?.['op'] !== 'subscribe') return undefined;
      reply({ ...ack, op: 'subscribe' });
      return (msg['args'] as string[] | undefined) ?? [];
    },
    push(channel, tick, first) {
      const ts = 1795321800000 + tick;
      const moved = {
        markPrice: px(98413.7, tick, 2),
        bid1Price: px(98414.4, tick, 2),
        ask1Price: px(98414.5, tick, 2),
        lastPrice: px(98414.5, tick, 2),
      };
      if (first) return { ...snap, topic: channel, data: { ...snap.data, ...moved }, ts };
      return {
        topic: channel,
        type: 'delta',
        data: { symbol: 'BTCUSDT', ...moved },
        cs: 24987956059 + tick,
        ts,
      };
    },
  };
}

/** OKX V5: `{"op":"subscribe","args":[{channel, instId}]}` -> one `{"event":"subscribe"}` per arg. */
export function okxProtocol(): WsProtocol {
  const byChannel: Record<string, { arg: Json; data: Json[] }> = {
    tickers: fixture('okx', 'ws_tickers_BTC-USDT-SWAP.json'),
    'mark-price': fixture('okx', 'ws_mark-price_BTC-USDT-SWAP.json'),
    'funding-rate': fixture('okx', 'ws_funding-rate_BTC-USDT-SWAP.json'),
  };
  return {
    onMessage(raw, reply) {
      if (raw === 'ping') {
        reply('pong');
        return undefined;
      }
      const msg = parse(raw);
      if (msg?.['op'] !== 'subscribe') return undefined;
      const args = (msg['args'] as { channel: string; instId: string }[] | undefined) ?? [];
      for (const arg of args) reply({ event: 'subscribe', arg, connId: 'fake-conn' });
      return args.map((a) => `${a.channel}|${a.instId}`);
    },
    push(channel, tick) {
      const [name = '', instId = ''] = channel.split('|');
      const tpl = byChannel[name];
      if (!tpl) return { event: 'error', code: '60018', msg: `unknown channel ${name}` };
      const ts = String(1795321800000 + tick);
      const row = tpl.data[0] as Json;
      const moved: Json =
        name === 'tickers'
          ? { last: px(98411.1, tick, 1), bidPx: px(98411.1, tick, 1), askPx: px(98411.2, tick, 1) }
          : name === 'mark-price'
            ? { markPx: px(98410.2, tick, 1) }
            : {};
      return { arg: { channel: name, instId }, data: [{ ...row, ...moved, ts }] };
    },
  };
}
