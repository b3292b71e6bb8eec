/**
 * Libraries only some commands need, loaded on their first use so that activation neither parses nor
 * runs them (ajv + ajv-formats ≈ 130 KB, the ONNX decoder ≈ 100 KB). Like undici (src/platforms/http/tls.ts):
 * ajv from node_modules in development and tests, else from the bundle that esbuild.mjs builds beside
 * dist/extension.js (`dist/ajv.js`); the ONNX decoder always from its bundle (`onnx-schema.js`, beside
 * dist/extension.js or out/src/lazy/), whose schema esbuild.mjs makes from onnx.proto. vscode-free.
 */
import { join } from 'node:path';
import type AjvClass from 'ajv';
import type addFormatsPlugin from 'ajv-formats';
import type { OnnxSchema } from '../analytics/onnxMessages';

export interface AjvModule {
  readonly Ajv: typeof AjvClass;
  readonly addFormats: typeof addFormatsPlugin;
}

/* eslint-disable @typescript-eslint/no-require-imports */
let ajvModule: AjvModule | undefined;
let onnxSchema: OnnxSchema | undefined;

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

/** The ONNX protobuf decoder (src/analytics/onnxSchema.ts as built by esbuild.mjs). */
export function loadOnnxSchema(): OnnxSchema {
  onnxSchema ??= (require(join(__dirname, 'onnx-schema.js')) as { schema: OnnxSchema }).schema;
  return onnxSchema;
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
