// Lint: typescript-eslint (type-aware) plus import boundaries between contexts
// (Dark Reader's rule: a context never imports another; pure code imports no context).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CONTEXTS = ['content', 'review', 'background', 'popup', 'options', 'welcome'];
const ENGINES = 'engines';
const PURE = ['analysis', 'imaging', 'common'];

/** An import path that reaches into one of `folders` (relative paths: '../review/x'). */
const into = (folders, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex: `(^|/)(${folders.join('|')})/`, message }] }],
});
const others = (self) => CONTEXTS.filter((c) => c !== self);

/** Which folder may import what (Dark Reader's rule, with eslint's own no-restricted-imports). */
const BOUNDARIES = [
  ...PURE.map((pure) => ({ files: [`src/${pure}/**/*.ts`], rules: into([...CONTEXTS, ENGINES], 'Pure code must not import a context or a browser engine.') })),
  { files: ['src/content/**/*.ts'], rules: into([...others('content'), ENGINES, 'analysis', 'imaging'], 'The content script only shares src/common.') },
  { files: ['src/review/**/*.ts'], rules: into(others('review'), 'Contexts do not import each other; share src/common.') },
  { files: ['src/background/**/*.ts'], rules: into([...others('background'), ENGINES], 'The background never sees pixels.') },
  ...['popup', 'options', 'welcome'].map((c) => ({ files: [`src/${c}/**/*.ts`], rules: into([...others(c), ENGINES], 'Contexts do not import each other.') })),
  { files: ['src/engines/**/*.ts'], rules: into(CONTEXTS, 'Engines are adapters: they import no context.') },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-firefox/**', 'artifacts/**', 'reports/**', '.stryker-tmp/**', 'node_modules/**', 'test/support/pages/**', 'scripts/models/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      curly: ['error', 'multi-line'],
      // Barcode payloads and file formats use control characters as separators on purpose.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  ...BOUNDARIES,
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
    files: ['eslint.config.js', 'stryker.config.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
