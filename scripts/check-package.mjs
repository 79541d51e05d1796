// `npm run package:check`: packs the app with electron-builder (`--linux dir`) against a stub
// Electron distribution (the real binary cannot be downloaded here) and checks what got packed:
// the three bundles, the renderer, assets beside the app, better-sqlite3's native binary
// unpacked from the asar, and no TypeScript sources. Prints one JSON line; exit 1 on a problem.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const work = mkdtempSync(join(tmpdir(), 'cerberus-pack-'));
const stub = join(work, 'electron-dist');
execFileSync('mkdir', ['-p', stub]);
writeFileSync(join(stub, 'electron'), '#!/bin/sh\nexit 0\n');
chmodSync(join(stub, 'electron'), 0o755);
const out = join(work, 'release');
execFileSync(
  process.execPath,
  [
    require.resolve('electron-builder/cli.js'),
    '--linux',
    'dir',
    `-c.electronDist=${stub}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${out}`,
  ],
  { stdio: 'inherit' },
);
const resources = join(out, 'linux-unpacked', 'resources');
const files = asar.listPackage(join(resources, 'app.asar'));
const must = [
  '/out/main/electron-main.js',
  '/out/main/compute.worker.js',
  '/out/main/db.worker.js',
  '/out/preload/preload.cjs',
  '/out/renderer/index.html',
];
const problems = must.filter((f) => !files.includes(f)).map((f) => `missing ${f}`);
const sources = files.filter((f) => /^\/(src-main|src-renderer|src-workers|shared|test)\//.test(f));
if (sources.length) problems.push(`sources packed: ${sources.slice(0, 3).join(', ')}`);
if (!existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3')))
  problems.push('better-sqlite3 not unpacked');
if (!existsSync(join(resources, 'assets', 'data', 'btc_usd_daily_2015-2026.csv')))
  problems.push('assets/data not beside the app');
console.log(JSON.stringify({ ok: problems.length === 0, files: files.length, problems }));
rmSync(work, { recursive: true, force: true });
process.exit(problems.length ? 1 : 0);
