/**
 * The ONNX decoder: protobufjs (light: reflection, no .proto parser) over the descriptor that esbuild.mjs
 * makes of src/analytics/onnx.proto at build time (scripts/esbuild/protoDescriptor.mjs). Bundled on its own as
 * `onnx-schema.js` and loaded on first use (src/lazy/lazyModule.ts), so activation does not pay for it.
 */
import { Root } from 'protobufjs/light';
import descriptor from './onnx.proto';
import type { Model, OnnxSchema } from './onnxMessages';

const root = Root.fromJSON(descriptor);
const modelProto = root.lookupType('onnx.ModelProto');

export const schema: OnnxSchema = {
  // A plain object of what the file holds: unset fields absent (a oneof's unset member too), int64 as numbers.
  decodeModel: (bytes) => modelProto.toObject(modelProto.decode(bytes), { longs: Number }) as Model,
  encodeModel: (model) => modelProto.encode(modelProto.fromObject(model as Record<string, unknown>)).finish(),
  dataTypes: root.lookupEnum('onnx.TensorProto.DataType').values,
};
