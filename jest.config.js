// Nest 12 and a few of its dependencies ship ES modules only. Jest runs in CommonJS mode, so swc
// compiles both our TypeScript and those packages to CommonJS (see STACK-NOTES).
const ESM_PACKAGES = [
  '@nestjs',
  'hyparquet',
  'hyparquet-writer',
  'hyparquet-compressors',
  'hysnappy',
  'fzstd',
  'file-type',
  'load-esm',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'uid',
  'cookie',
  'content-disposition',
  'jose',
];

const swc = (syntax) => [
  '@swc/jest',
  {
    jsc: {
      parser: syntax === 'typescript' ? { syntax, decorators: true } : { syntax },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swc('typescript'),
    '^.+\\.m?js$': swc('ecmascript'),
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
    },
  ],
  // Boots of the embedded database and child processes take seconds on two cores.
  testTimeout: 60000,
};
