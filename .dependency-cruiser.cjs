/**
 * `npm run check` runs this: no import cycle among src/ files, type-only imports included (a cycle of
 * types still couples the files and hid the contracts issue 15 moved into their own files).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Put the contract both sides need in its own file (see docs/architecture.md).',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|out|dist)/' },
  },
};
