/**
 * The surface service's chain sources, followed rather than fixed: a provider is read again on
 * every sync (a `connections.changed` event, each refit step), so when the desk switches to live
 * or a venue connects its chains join, and when a venue goes or the desk switches back they
 * leave. The fresh source objects replace the old ones on every read (a reconnected venue is a
 * new object); what changed is judged by (source id, underlying), so the service knows which
 * underlyings to fit at once and which fits to forget.
 */
import { ServiceError } from '../../../shared/contract/result';
import type { ChainSource } from './chain-source';

export type ChainSourceProvider = () => readonly ChainSource[];

export interface SourceChanges {
  /** Underlyings that appeared, or moved to another source: fit them now. */
  added: string[];
  /** Underlyings that left, or moved to another source: their fits are no longer true. */
  dropped: string[];
}

/** underlying -> id of the first source listing it (the one the service uses). */
function owners(sources: readonly ChainSource[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sources) {
    let listed: readonly string[];
    try {
      listed = s.underlyings();
    } catch {
      listed = [];
    }
    for (const u of listed) if (!out.has(u)) out.set(u, s.id);
  }
  return out;
}

export class SurfaceSources {
  private list: readonly ChainSource[] = [];
  private owner = new Map<string, string>();

  constructor(private provider: ChainSourceProvider) {}

  /** Follows another provider from now on (the next sync reads it). */
  follow(provider: ChainSourceProvider): void {
    this.provider = provider;
  }

  /** Reads the provider and reports what changed since the last sync. */
  sync(): SourceChanges {
    let next: readonly ChainSource[];
    try {
      next = this.provider();
    } catch {
      next = [];
    }
    const before = this.owner;
    const after = owners(next);
    this.list = next;
    this.owner = after;
    const added = [...after].filter(([u, id]) => before.get(u) !== id).map(([u]) => u);
    const dropped = [...before].filter(([u, id]) => after.get(u) !== id).map(([u]) => u);
    return { added, dropped };
  }

  /** Every underlying with a chain source, in source order. */
  underlyings(): string[] {
    return [...this.owner.keys()];
  }

  has(underlying: string): boolean {
    return this.owner.has(underlying);
  }

  sourceOf(underlying: string): ChainSource {
    const id = this.owner.get(underlying);
    const source = id === undefined ? undefined : this.list.find((s) => s.id === id);
    if (!source) throw new ServiceError('not-found', `no option chain source for ${underlying}`);
    return source;
  }

  /** The id of the source an underlying's fits come from now (undefined: none). */
  idOf(underlying: string): string | undefined {
    return this.owner.get(underlying);
  }
}
