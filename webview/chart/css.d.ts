// Stylesheets imported from TypeScript are bundled by esbuild into dist/webview/chart.css.
declare module '*.css';
