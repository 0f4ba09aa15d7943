// ESLint flat config. typescript-eslint's recommended set without type information, so lint stays a
// few seconds; the type-aware checks are `npm run typecheck`'s job. React's two hooks rules apply
// to the renderer, where the hooks are.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/'],
  },
  {
    // A disable comment that no longer suppresses anything is itself an error: it hides nothing
    // but would hide the next real problem on that line.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['{electron,shared,renderer,test,bench,scripts}/**/*.{ts,tsx,js,mjs}', 'build/*.mjs', '*.config.{ts,js}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
    },
    rules: {
      // Names starting with _ are unused on purpose (tsc's noUnusedParameters follows the same rule).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['electron/**', 'test/**', 'bench/**', 'scripts/**', 'build/*.mjs', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**', 'test/renderer/**', 'test/e2e/**', 'bench/lib/page-probe.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
