import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Lint rules for the whole tree: TypeScript and Svelte recommended sets; formatting is Prettier's job. */
export default ts.config(
  {
    ignores: [
      'node_modules/',
      'build/',
      'dist/',
      '**/dist/',
      'data/',
      '.svelte-kit/',
      'app/lib/paraglide/',
      'bench/results/',
      'test-results/',
      // Scratch space of the benches (bench/web/setup.ts, scratchDir): copies of builds.
      'tmp/'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // SvelteKit's resolve() is for typed route ids; MOP builds its paths with shared helpers.
      'svelte/no-navigation-without-resolve': 'off',
      // State classes replace whole Sets and Maps in \$state.raw fields instead of mutating them, so the built-in
      // classes are what they need; SvelteSet would add tracking for mutations that never happen.
      'svelte/prefer-svelte-reactivity': 'off'
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
    }
  }
);
