/**
 * The Connections feature: live venues through ccxt, their encrypted read-only keys, and the
 * desk switch. Started from the composition root with the desk gateway the market service
 * reads; it pushes the venues' derivatives sources into `ctx.derivatives` while the live desk
 * is on.
 */
import { join } from 'node:path';
import type { ApiHandlers } from '../../../shared/contract/dispatch';
import type { FeatureContext } from '../../app/feature';
import { CcxtGateway, type GatewayOptions } from '../../venues/ccxt/ccxt-gateway';
import type { DeskGateway } from '../../venues/desk-gateway';
import type { VenueGateway } from '../../venues/venue-gateway';
import { ConnectionsService, type ConnectionsOptions } from './connections.service';
import { CredentialStore } from './credential-store';
import { LiveDesk } from './live-desk';
import { LocalFileCipher } from './local-file-cipher';
import type { SecretCipher } from './secret-cipher';

export const CREDENTIALS_FILE = 'credentials.enc';
export const MACHINE_SECRET_FILE = 'machine.secret';

export interface ConnectionsFeatureDeps {
  deskGateway: DeskGateway;
  demo: VenueGateway;
  /** The Electron shell passes the OS keychain; elsewhere the local-file cipher is used. */
  cipher?: SecretCipher | undefined;
  gateway?: Partial<GatewayOptions> | undefined;
  options?: Partial<ConnectionsOptions> | undefined;
}

export async function startConnectionsFeature(ctx: FeatureContext, deps: ConnectionsFeatureDeps) {
  const cipher = deps.cipher ?? new LocalFileCipher(join(ctx.config.dataDir, MACHINE_SECRET_FILE));
  const store = new CredentialStore(join(ctx.config.dataDir, CREDENTIALS_FILE), cipher);
  const gateway = new CcxtGateway({ now: ctx.config.now, ...deps.gateway });
  const service = new ConnectionsService(store, gateway, ctx.bus, {
    now: ctx.config.now,
    bookRefreshMs: 30_000,
    statusEventMs: 2_000,
    maxBookAgeMs: 30_000,
    ...deps.options,
  });
  service.desk = new LiveDesk({
    db: ctx.db,
    book: ctx.book,
    deskGateway: deps.deskGateway,
    demo: deps.demo,
    live: gateway,
    derivatives: ctx.derivatives,
    liveSources: () => service.derivativesSources(),
    liveContents: () => service.liveContents(),
  });
  await service.start();
  // A live desk saved last time comes back once its venues had a chance to open.
  if ((await service.desk.saved()) === 'live') {
    void service
      .whenOpened()
      .then(() => service.setDesk('live').catch(() => service.desk.set('demo')));
  }
  const handlers = {
    'connections.list': () => service.state(),
    'connections.save': async (input) => {
      const saved = await service.save(input);
      return { saved, state: service.state() };
    },
    'connections.remove': async ({ id }) => {
      await service.remove(id);
      return service.state();
    },
    'connections.test': ({ id }) => service.test(id),
    'connections.setDesk': async ({ desk }) => {
      await service.setDesk(desk);
      return service.state();
    },
  } satisfies Partial<ApiHandlers>;
  return {
    handlers,
    service,
    /** The desk in force, for `app.getInfo`. */
    desk: () => service.desk.current(),
    stop: () => service.stop(),
  };
}
