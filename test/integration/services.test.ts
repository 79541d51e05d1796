/** The composition root on a real data folder: first launch, restart, damaged database. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServices } from '../../src-main/app/services';
import { testConfig } from '../helpers/services-harness';
import { tempDir } from '../helpers/temp-dir';

describe('services lifecycle', () => {
  it('creates the sample book and history on first launch and resumes them on restart', async () => {
    const dir = tempDir();
    try {
      const first = await startServices(testConfig(dir.path));
      const snap = await first.book.nextSnapshot();
      expect(snap.positions.length).toBeGreaterThanOrEqual(8);
      expect(new Set(snap.accounts.map((a) => a.venue))).toEqual(
        new Set(['ib', 'binanceusdm', 'deribit']),
      );
      const series = await first.db.seriesList();
      for (const u of ['BTC', 'MSTR', 'ETH', 'QQQ']) {
        expect(series.find((s) => s.series === u)?.n ?? 0).toBeGreaterThanOrEqual(500);
      }
      const recorded = await first.db.dailyCloses(
        'BTC',
        Date.UTC(2021, 10, 8),
        Date.UTC(2021, 10, 8),
      );
      expect(recorded).toEqual(
        [{ tsMs: Date.UTC(2021, 10, 8), close: 67566.83, source: 'recorded' }].map((r) => ({
          ...r,
          close: expect.closeTo(r.close, 1),
        })),
      );
      const spotBefore = first.market.getUnderlyings().find((u) => u.underlying === 'BTC')?.spot;
      await first.close();

      const second = await startServices(testConfig(dir.path));
      const again = await second.book.nextSnapshot();
      expect(again.positions).toEqual(snap.positions);
      const spotAfter =
        second.market.getUnderlyings().find((u) => u.underlying === 'BTC')?.spot ?? 0;
      // The simulator resumes from its saved state: the price continues, it does not restart.
      expect(Math.abs(spotAfter / (spotBefore ?? 1) - 1)).toBeLessThan(0.02);
      expect(await second.db.countRaw()).toBeGreaterThan(0);
      await second.close();
    } finally {
      dir.remove();
    }
  });

  it('replaces a damaged database, keeps the old file and tells the user', async () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, 'cerberus.db'), Buffer.alloc(4096, 0x42));
      const s = await startServices(testConfig(dir.path));
      expect(s.notices[0]).toMatch(/damaged.*cerberus\.db\.damaged-\d+/);
      expect((await s.book.nextSnapshot()).positions.length).toBeGreaterThanOrEqual(8);
      await s.close();
    } finally {
      dir.remove();
    }
  });
});
