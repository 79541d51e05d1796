/**
 * The desk switch. `demo`: the simulator feeds the market, the book holds the stored demo book,
 * the funding and margin features read the demo derivatives source. `live`: the connected
 * venues feed the market (through the `DeskGateway`), the book holds their accounts and
 * positions (refreshed on a timer), and the derivatives sources are the venues'. Nothing is
 * mixed: both desks list instruments under the same ids, so one desk at a time.
 */
import type { Desk } from '../../../shared/contract/features/connections.api';
import type { DbClient } from '../../db/db-client';
import type { CcxtGateway } from '../../venues/ccxt/ccxt-gateway';
import type { DerivativesSource } from '../../venues/derivatives-source';
import type { DeskGateway } from '../../venues/desk-gateway';
import type { VenueGateway } from '../../venues/venue-gateway';
import type { BookContents, BookService } from '../book/book.service';

export const DESK_META_KEY = 'desk.mode';

export interface LiveDeskDeps {
  db: DbClient;
  book: BookService;
  deskGateway: DeskGateway;
  demo: VenueGateway;
  live: CcxtGateway;
  /** The shared list the funding and margin features read (mutated in place). */
  derivatives: DerivativesSource[];
  liveSources: () => DerivativesSource[];
  liveContents: () => BookContents;
}

export class LiveDesk {
  private desk: Desk = 'demo';
  private readonly demoSources: DerivativesSource[];

  constructor(private readonly deps: LiveDeskDeps) {
    this.demoSources = [...deps.derivatives];
  }

  current(): Desk {
    return this.desk;
  }

  async saved(): Promise<Desk> {
    return (await this.deps.db.getMeta(DESK_META_KEY)) === 'live' ? 'live' : 'demo';
  }

  async set(desk: Desk, persist = true): Promise<void> {
    const { deps } = this;
    if (desk === 'live') {
      deps.deskGateway.switchTo(deps.live);
      deps.book.setContents(deps.liveContents());
      deps.derivatives.splice(0, deps.derivatives.length, ...deps.liveSources());
    } else {
      deps.deskGateway.switchTo(deps.demo);
      const [accounts, instruments, positions] = await Promise.all([
        deps.db.listAccounts(),
        deps.db.listInstruments(),
        deps.db.listPositions(),
      ]);
      deps.book.setContents({ accounts, instruments, positions });
      deps.derivatives.splice(0, deps.derivatives.length, ...this.demoSources);
    }
    this.desk = desk;
    if (persist) await deps.db.setMeta(DESK_META_KEY, desk);
  }

  /** After a venue's book or list changed: the live desk shows it at once. */
  refresh(): void {
    if (this.desk !== 'live') return;
    this.deps.book.setContents(this.deps.liveContents());
    this.deps.derivatives.splice(0, this.deps.derivatives.length, ...this.deps.liveSources());
  }
}
