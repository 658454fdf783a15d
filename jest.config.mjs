/**
 * jest for the test suite (issue 17): TypeScript transpiled by @swc/jest the way tsx does it (no
 * type check, legacy decorators without emitted metadata, class fields assigned, not defined), run
 * as native ES modules (`node --experimental-vm-modules`), one file at a time, each in a fresh
 * process as under node --test, with timeouts as generous as node:test's (which has none).
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'node'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          target: 'es2022',
          keepClassNames: true,
          transform: { legacyDecorator: true, decoratorMetadata: false, useDefineForClassFields: false },
        },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  setupFiles: ['<rootDir>/tests/support/jest-setup.ts'],
  testTimeout: 30 * 60 * 1000,
  // One worker, replaced after every file (any idle memory is above 1 MB): one file at a time, like
  // --runInBand, but a file's leftovers die with its process. In band, a timed-out test kept running
  // beside the next files (the fuzz loop made the Cypher lint file take 879 s instead of ~300 s).
  maxWorkers: 1,
  workerIdleMemoryLimit: '1MB',
  // Each test and its skip reason by name, as node --test listed them.
  verbose: true,
};
