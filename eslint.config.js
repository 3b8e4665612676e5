// Lint: typescript-eslint (type-aware) plus import boundaries between contexts
// (Dark Reader's rule: a context never imports another; pure code imports no context).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CONTEXTS = ['content', 'review', 'worker', 'scan', 'background', 'popup', 'options', 'welcome'];
const ENGINES = 'engines';

/** An import path that reaches into one of `folders` (relative paths: '../review/x'). */
const into = (folders, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex: `(^|/)(${folders.join('|')})/`, message }] }],
});
const others = (self) => CONTEXTS.filter((c) => c !== self);

/** Which folder may import what (Dark Reader's rule, with eslint's own no-restricted-imports). */
const BOUNDARIES = [
  { files: ['src/analysis/**/*.ts'], rules: into([...CONTEXTS, ENGINES], 'Pure code must not import a context or a browser engine.') },
  { files: ['src/content/**/*.ts'], rules: into([...others('content'), ENGINES, 'analysis', 'imaging'], 'The content script only shares src/common.') },
  // The frame and the scan page drive the worker through src/common/analysis-client.ts; only the worker drives the engines.
  ...['review', 'scan'].map((c) => ({ files: [`src/${c}/**/*.ts`], rules: into([...others(c), ENGINES], 'Pages do not import each other or the engines: the worker runs them.') })),
  { files: ['src/worker/**/*.ts'], rules: into(others('worker'), 'Contexts do not import each other; share src/common.') },
  { files: ['src/background/**/*.ts'], rules: into([...others('background'), ENGINES], 'The background never sees pixels.') },
  ...['popup', 'options', 'welcome'].map((c) => ({ files: [`src/${c}/**/*.ts`], rules: into([...others(c), ENGINES], 'Contexts do not import each other.') })),
  { files: ['src/engines/**/*.ts'], rules: into(CONTEXTS, 'Engines are adapters: they import no context.') },
  // Layers of the pure code: common (shared by every context) < imaging < analysis.
  { files: ['src/common/**/*.ts'], rules: into([...CONTEXTS, ENGINES, 'analysis', 'imaging'], 'src/common is the bottom layer: it imports only itself.') },
  { files: ['src/imaging/**/*.ts'], rules: into([...CONTEXTS, ENGINES, 'analysis'], 'src/imaging does not import the checks (src/analysis).') },
];

/**
 * Globals a context does not have, so code that uses them would only fail there at run time.
 * Node's are nowhere in src (tsconfig.src.json also type-checks src without Node's types).
 */
const NODE_GLOBALS = ['Buffer', 'process', 'require', 'module', '__dirname', '__filename', 'global'].map((name) => ({ name, message: 'src runs in browsers: no Node globals.' }));
const PAGE_GLOBALS = ['window', 'document'].map((name) => ({ name, message: 'Workers and the background have no window or document.' }));
/** Where code runs in a worker (the analysis and face tile workers, and the engines they drive) or the background. */
const NO_PAGE = ['src/worker/**/*.ts', 'src/engines/**/*.ts', 'src/background/**/*.ts'];

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
    rules: { 'no-console': 'error', 'no-restricted-globals': ['error', ...NODE_GLOBALS] },
  },
  { files: NO_PAGE, rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS, ...PAGE_GLOBALS] } },
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
