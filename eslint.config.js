import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Zone rules mirror the tsconfig project references: a wrong-zone import fails lint as well as tsc.
const zone = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'test-results/', 'assets/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  zone(
    ['shared/**/*.ts'],
    ['node:*', 'electron', 'ccxt', '@stoqey/ib', 'better-sqlite3', 'react', '**/src-*/**'],
    'shared/ is pure TypeScript: no Node, Electron, venue, DB or UI imports.',
  ),
  zone(
    ['src-renderer/**/*.{ts,tsx}'],
    [
      'node:*',
      'electron',
      'ccxt',
      '@stoqey/ib',
      'better-sqlite3',
      '**/src-main/**',
      '**/src-workers/**',
    ],
    'The renderer reaches main only through the contract client.',
  ),
  zone(
    ['src-workers/**/*.ts'],
    ['electron', 'ccxt', '@stoqey/ib', 'better-sqlite3', '**/src-main/**', '**/src-renderer/**'],
    'Workers compute; they import only shared/.',
  ),
  zone(['src-main/**/*.ts'], ['**/src-renderer/**'], 'Main never imports renderer code.'),
);
