// Runs scripts/bench.ts through tsx (on the registry's Node 22 when started by `npm run`).
import { register } from 'tsx/esm/api';
register();
await import('./bench.ts');
