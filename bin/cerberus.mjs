#!/usr/bin/env node
// The `cerberus` CLI. Runs the TypeScript sources through tsx so that `npx cerberus` works on a
// fresh `npm ci` without a build step. Re-executes itself on the registry's Node 22 when started
// by an older system Node (better-sqlite3 13 needs Node >= 22).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  const require = createRequire(import.meta.url);
  let node22;
  try {
    node22 = join(dirname(require.resolve('node/package.json')), 'bin', 'node');
  } catch {
    console.error(`cerberus needs Node >= 22 (found ${process.versions.node}); run npm ci first.`);
    process.exit(2);
  }
  const res = spawnSync(node22, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(res.status ?? 1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import(pathToFileURL(join(here, '..', 'src-main', 'cli', 'main.ts')).href);
process.exitCode = await main(process.argv.slice(2));
