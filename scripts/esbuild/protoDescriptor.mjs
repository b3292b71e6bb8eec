// esbuild plugin: an import of a `.proto` file becomes its protobufjs JSON descriptor, made at build time by
// protobufjs' own parser from node_modules (no generated file in the repository, nothing downloaded). The
// bundle that imports it then needs only protobufjs/light at run time.
import { readFile } from 'node:fs/promises';
import protobuf from 'protobufjs';

export const protoDescriptor = {
  name: 'proto-descriptor',
  setup(build) {
    build.onLoad({ filter: /\.proto$/ }, async (args) => {
      const { root } = protobuf.parse(await readFile(args.path, 'utf8'), { keepCase: false });
      root.resolveAll(); // unknown types fail the build here, not on first use
      return { contents: JSON.stringify(root.toJSON()), loader: 'json' };
    });
  },
};
