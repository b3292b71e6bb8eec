/**
 * hyparquet-writer (≈ 60 KB bundled), loaded on the first Parquet export. An ES module: imported from
 * node_modules in development and tests, else from `dist/parquet.js`, the CommonJS bundle esbuild.mjs
 * builds beside dist/extension.js (the packaged extension ships no node_modules). vscode-free.
 */
import { join } from 'node:path';
import type * as HyparquetWriter from 'hyparquet-writer';

export type ParquetWriterModule = typeof HyparquetWriter;

let loaded: Promise<ParquetWriterModule> | undefined;

export function loadParquetWriter(): Promise<ParquetWriterModule> {
  loaded ??= import('hyparquet-writer').catch(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(join(__dirname, 'parquet.js')) as ParquetWriterModule;
  });
  return loaded;
}
