// ESLint flat config: typescript-eslint with type information for the async rules, and the layer rules:
// the platform clients stay free of `vscode` so they run in plain Node (tests, emulator, CLI); src/shared
// is pure (no `vscode`, no Node built-ins) because the webviews bundle it; webviews import only src/shared.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'src/shared and the webviews run outside the extension host: no `vscode` there.' };
const noNodeBuiltins = {
  group: ['node:*', ...builtinModules.filter((m) => !m.startsWith('_'))],
  message: 'src/shared and the webviews also run in the browser: no Node built-ins there.',
};
/** A relative import from a file `depth` folders below src/shared that climbs out of it. */
const leavesShared = (depth) => ({ regex: `^(\\.\\./){${depth + 1}}`, message: 'src/shared imports only src/shared (and npm packages).' });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/platforms/**/*.ts', 'src/emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/platforms and src/emulator run in plain Node: pass what you need in through constructors.' }],
        patterns: [{ group: ['**/extension', '**/explorer/**', '**/ui/**'], message: 'The platform layer must not depend on UI code.' }],
      }],
    },
  },
  ...[0, 1, 2].map((depth) => ({
    files: [`src/shared/${'*/'.repeat(depth)}*.ts`],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noNodeBuiltins, leavesShared(depth)] }] },
  })),
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [noNodeBuiltins, { regex: '^(\\.\\./)+src/(?!shared/)', message: 'Webviews import only from src/shared (and npm packages).' }],
      }],
    },
  },
  {
    files: ['src/emulator/cli.ts', 'test/**/*.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' },
    },
  },
);
