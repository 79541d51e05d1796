/** Repository locations when the CLI runs from its TypeScript sources (bin/cerberus.mjs via tsx). */
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);

export const repoRootUrl = (): URL => root;
export const defaultAssetsDir = (): string => fileURLToPath(new URL('assets/', root));
export const builtRendererDir = (): string => fileURLToPath(new URL('out/renderer/', root));
