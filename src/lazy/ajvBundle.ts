/**
 * Entry point of `dist/ajv.js` (built by esbuild.mjs): ajv and ajv-formats in one bundle, loaded by
 * `loadAjv()` in the packaged extension. Not imported by the extension itself.
 */
export { default as Ajv } from 'ajv';
export { default as addFormats } from 'ajv-formats';
