// parquet-wasm's Node build ships its types beside it, which `moduleResolution: node10` does not find
// through the package's `exports`: the same declarations, under the subpath the tests import.
declare module 'parquet-wasm/node' {
  export * from 'parquet-wasm/node/parquet_wasm';
}
