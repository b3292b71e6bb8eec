// Stylesheets imported from TypeScript are bundled by esbuild into dist/webview/<app>.css.
declare module '*.css';
