/** Position ids of risk results as the user knows them: instrument symbol and venue. */
import { useBookStore } from '../../stores/book.store';

/** Deribit-style `BTC/USD:BTC-270129-62500-C` shows as its contract name. */
function shortSymbol(symbol: string): string {
  const tail = symbol.split(':')[1];
  return tail && tail.includes('-') ? tail : symbol;
}

export function usePositionLabels(): (id: string) => string {
  const snapshot = useBookStore((s) => s.snapshot);
  return (id) => {
    const pos = snapshot?.positions.find((p) => p.id === id);
    const inst = snapshot?.instruments.find((i) => i.id === pos?.instrumentId);
    return inst ? `${shortSymbol(inst.symbol)} \u00b7 ${inst.venue}` : id;
  };
}
