/** A `.proto` import is the schema's protobufjs descriptor, made at build time (scripts/esbuild/protoDescriptor.mjs). */
declare module '*.proto' {
  const descriptor: import('protobufjs').INamespace;
  export default descriptor;
}
