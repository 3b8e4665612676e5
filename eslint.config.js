// Lint: typescript-eslint (type-aware) plus import boundaries between contexts
// (Dark Reader's rule: a context never imports another; pure code imports no context).
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const CONTEXTS = ['content', 'review', 'background', 'popup', 'options', 'welcome'];
const except = (...keep) => CONTEXTS.filter((c) => !keep.includes(c)).map((c) => `./src/${c}`);

export default tseslint.config(
  { ignores: ['dist/**', 'dist-firefox/**', 'artifacts/**', 'node_modules/**', 'test/support/pages/**', 'scripts/models/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    rules: {
      curly: ['error', 'multi-line'],
      // Barcode payloads and file formats use control characters as separators on purpose.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // Pure code (analysis, imaging, common) imports no context and no browser engine.
            ...['analysis', 'imaging', 'common'].map((pure) => ({
              target: `./src/${pure}`,
              from: [...CONTEXTS.map((c) => `./src/${c}`), './src/engines'],
              message: 'Pure code must not import a context or a browser engine.',
            })),
            { target: './src/content', from: [...except('content'), './src/engines', './src/analysis', './src/imaging'], message: 'The content script only shares src/common.' },
            { target: './src/review', from: except('review'), message: 'Contexts do not import each other; share src/common.' },
            { target: './src/background', from: [...except('background'), './src/engines'], message: 'The background never sees pixels.' },
            { target: './src/popup', from: [...except('popup'), './src/engines'] },
            { target: './src/options', from: [...except('options'), './src/engines'] },
            { target: './src/welcome', from: [...except('welcome'), './src/engines'] },
            { target: './src/engines', from: CONTEXTS.map((c) => `./src/${c}`) },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Tests read exifr's untyped output and poke at pages; `any` there is checked by assertions.
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
