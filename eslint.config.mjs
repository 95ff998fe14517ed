// Lint rules for every hand-written file. Formatting (line length included) is Prettier's job, so
// no stylistic rule appears here; these rules catch bugs and hold the house rules and the layering.
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// no-restricted-imports reads `import * as z` as importing `z` too, so the named import is matched by syntax.
const NO_ZOD_NAMED_Z = {
  selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
  message: "Import zod as `import * as z from 'zod'`: the named `z` pulls every locale (about 350 KB) into the bundle.",
};

/** A relative import that climbs into one of the top-level folders named. */
const intoFolders = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
/** A relative import from one src/ layer (from any room of it) into its sibling layers named. */
const intoLayers = (layers) => `^(\\.\\./)+(${layers.join('|')})(/|$)`;

/**
 * Which layers each src/ folder may not import. The wire contract (types and the few shared values)
 * imports nothing, so that the build can copy it into the page as it is. Pure rules (core) import no
 * other layer but the contract; the function and the HTTPS client stand on core, the CLI on core and
 * the HTTPS client. The doctor reads the setup as the function and the scripts do, so it may use every
 * layer. Nothing in src/ (what ships) may import the emulator (what helps), which lives apart in emulator/.
 */
const FORBIDDEN_LAYERS = {
  contract: ['core', 'function', 'https', 'cli', 'doctor'],
  core: ['function', 'https', 'cli', 'doctor'],
  function: ['https', 'cli', 'doctor'],
  https: ['function', 'cli', 'doctor'],
  cli: ['function', 'doctor'],
  doctor: [],
};
/**
 * The emulator shares the function's names and interfaces (its name, the alert page, the history it
 * stands in for) but runs the built bundle, never the handler.
 */
const EMULATOR_RUNS_THE_BUNDLE = {
  regex: '^(\\.\\./)+src/function/(index|handler)$',
  message: 'The emulator runs the built bundle unmodified; importing the handler would test the source instead.',
};
const EMULATOR_SHARES_NO_CLIENT = {
  regex: '^(\\.\\./)+src/(https|cli|doctor)(/|$)',
  message:
    'The emulator plays WeChat and the cloud; the HTTPS client, the CLI and the doctor are what it is played to.',
};
const NOTHING_SHIPPED_IMPORTS_THE_EMULATOR = {
  regex: intoFolders(['emulator']),
  message: 'src/ is what ships; the emulator (emulator/) is what helps run and test it, so src/ must not import it.',
};

const restrictImports = (patterns) => ['error', { patterns }];
const NO_TEST_IMPORTS = {
  regex: intoFolders(['test']),
  message: 'Shipped code and scripts must not depend on test helpers; move what both need into src/.',
};

export default defineConfig([
  globalIgnores([
    'node_modules/',
    'coverage/',
    // Build output of `npm run build`, git-ignored.
    'cloudfunctions/getQuota/',
    // Only the lock file of the official miniprogram-ci, installed on demand.
    'tools/',
    '.screenshots/',
  ]),

  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: 'error',
      'no-throw-literal': 'off', // Replaced by @typescript-eslint/only-throw-error for TypeScript below.
      'prefer-const': 'error',
      'no-var': 'error',
      'object-shorthand': 'error',
      // Three regexes match control characters on purpose, to refuse or replace them in text from outside.
      'no-control-regex': 'off',
    },
  },

  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    // Each file is checked against its nearest tsconfig.json: miniprogram/ has its own, the root one covers the
    // rest. Its `types` also decide each area's globals (node and jest at the root, wx, Page, App and getApp from
    // miniprogram-api-typings in miniprogram/), so no-undef is off here, as typescript-eslint advises.
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // A caught `unknown` passed on as it came is fine; inventing a non-Error reason is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/only-throw-error': 'error',
      // async without await is how fakes and adapters implement a Promise-returning interface, turning a
      // throw into a rejection; no-floating-promises and no-misused-promises catch the real async mistakes.
      '@typescript-eslint/require-await': 'off',
      // A page's `data` literal is cast to widen a state to its union, which Page()'s loose typing would
      // otherwise call unnecessary; the union is named PageState so that only this cast is exempt.
      '@typescript-eslint/no-unnecessary-type-assertion': ['error', { typesToIgnore: ['PageState'] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-syntax': ['error', NO_ZOD_NAMED_Z],
    },
  },

  ...Object.entries(FORBIDDEN_LAYERS).map(([layer, forbidden]) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports([
        ...(forbidden.length === 0
          ? []
          : [
              {
                regex: intoLayers(forbidden),
                message: `src/${layer} must not import ${forbidden.map((name) => `src/${name}`).join(', ')}.`,
              },
            ]),
        NO_TEST_IMPORTS,
        NOTHING_SHIPPED_IMPORTS_THE_EMULATOR,
      ]),
    },
  })),
  {
    files: ['emulator/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports([
        NO_TEST_IMPORTS,
        EMULATOR_RUNS_THE_BUNDLE,
        EMULATOR_SHARES_NO_CLIENT,
      ]),
    },
  },
  {
    // The emulator and the tests' fakes reproduce wx-server-sdk, which rejects with plain
    // { errCode, errMsg } objects rather than Errors; what the function catches is mapped in one place.
    files: ['emulator/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    // Pure rules: what they decide reaches the log through the caller's injected logger.
    rules: { 'no-console': 'error' },
  },
  {
    files: ['scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports([NO_TEST_IMPORTS]) },
  },

  // The mini-program: WeChat DevTools builds only miniprogram/, so a value import from outside it would
  // not exist on the phone; a type import is erased and fine.
  {
    files: ['miniprogram/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports([
        {
          regex: intoFolders(['src', 'scripts', 'test', 'node_modules']),
          allowTypeImports: true,
          message:
            'The page is built from miniprogram/ alone: import only types from outside it, or pin the copied value with a test.',
        },
      ]),
    },
  },

  // Tests: Jest's recommended rules, and its unbound-method (which knows expect(mock.method)) for the generic one.
  {
    files: ['test/**/*.ts'],
    extends: [jest.configs['flat/recommended']],
    rules: {
      '@typescript-eslint/unbound-method': 'off', // Replaced by jest/unbound-method.
      'jest/unbound-method': 'error',
      'jest/no-disabled-tests': 'error',
      // Property tests assert through fc.assert, the real-answer scenarios through their own check().
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'fc.assert', '*.check'] }],
      // An after-hook asserts for every test of its suite (no unhandled rejection in the function's instance).
      'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['afterEach', 'afterAll'] }],
      // Each conditional expect here either narrows a type asserted unconditionally just above or is a
      // property test's branch (fast-check runs every branch); the rule cannot tell them from a vacuous test.
      'jest/no-conditional-expect': 'off',
      // @types/jest types the asymmetric matchers (expect.objectContaining, expect.any, …) as `any`, and
      // they stand where typed values go; every finding of these three was one. Calls and member reads
      // on `any` stay errors.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  {
    // Shared checks assert on behalf of the tests that call them.
    files: ['test/support/**/*.ts'],
    rules: { 'jest/no-standalone-expect': 'off' },
  },
  {
    // Screenshot writers (jest.screenshots.config.js): they render and save, with nothing to assert.
    files: ['test/screenshots/**/*.ts'],
    rules: { 'jest/expect-expect': 'off' },
  },

  // Plain JavaScript: CommonJS shipped as-is (the emulator's child, the code-cache loader, a bench
  // fixture), Jest's config files and reporter; no type information, so Node's globals are declared.
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
]);
