/**
 * Libraries only some commands need, loaded on their first use so that activation neither parses nor
 * runs them (ajv + ajv-formats ≈ 130 KB, onnx-proto + protobufjs ≈ 120 KB of the bundle). Like undici
 * (src/platforms/http/tls.ts): from node_modules in development and tests, else from the bundle that
 * esbuild.mjs builds beside dist/extension.js (`dist/ajv.js`, `dist/onnx-proto.js`). vscode-free.
 */
import { join } from 'node:path';
import type AjvClass from 'ajv';
import type addFormatsPlugin from 'ajv-formats';
import type { onnx } from 'onnx-proto';

export interface AjvModule {
  readonly Ajv: typeof AjvClass;
  readonly addFormats: typeof addFormatsPlugin;
}

/* eslint-disable @typescript-eslint/no-require-imports */
let ajvModule: AjvModule | undefined;
let onnxModule: typeof onnx | undefined;

/** Ajv and ajv-formats, which ship together as `dist/ajv.js` (see src/lazy/ajvBundle.ts). */
export function loadAjv(): AjvModule {
  ajvModule ??= loadModule<AjvModule>(
    () => ({
      Ajv: (require('ajv') as { default: typeof AjvClass }).default,
      addFormats: (require('ajv-formats') as { default: typeof addFormatsPlugin }).default,
    }),
    'ajv.js',
  );
  return ajvModule;
}

/** The ONNX protobuf messages. `require`, not `import()`: the package's exports are invisible to Node's ESM loader. */
export function loadOnnxProto(): typeof onnx {
  onnxModule ??= loadModule<{ onnx: typeof onnx }>(() => require('onnx-proto') as { onnx: typeof onnx }, 'onnx-proto.js').onnx;
  return onnxModule;
}

/** `fromNodeModules` first; when the package is not installed (the packaged extension), the bundle in `__dirname`. */
function loadModule<T>(fromNodeModules: () => T, bundle: string): T {
  try {
    return fromNodeModules();
  } catch {
    return require(join(__dirname, bundle)) as T;
  }
}

/* eslint-enable @typescript-eslint/no-require-imports */
