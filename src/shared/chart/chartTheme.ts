/**
 * Chart colours from the VS Code theme (the `--vscode-*` CSS variables a webview receives), for light,
 * dark and both high-contrast kinds. Pure: the webview passes a variable getter and its body classes.
 */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ChartTheme {
  readonly kind: ThemeKind;
  readonly foreground: string;
  readonly mutedForeground: string;
  readonly background: string;
  readonly grid: string;
  readonly crosshair: string;
  readonly tooltipBackground: string;
  readonly tooltipForeground: string;
  readonly tooltipBorder: string;
  readonly errorForeground: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  /** Series colours in order. */
  readonly palette: readonly string[];
  /** Line width: thicker in high contrast. */
  readonly lineWidth: number;
}

/** The kind VS Code announces through the webview body's classes. */
export function themeKindFromClasses(classes: readonly string[]): ThemeKind {
  if (classes.includes('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.includes('vscode-high-contrast')) return 'high-contrast';
  if (classes.includes('vscode-light')) return 'light';
  return 'dark';
}

const FALLBACK: Readonly<Record<ThemeKind, { fg: string; bg: string; grid: string; palette: readonly string[] }>> = {
  light: { fg: '#3b3b3b', bg: '#ffffff', grid: 'rgba(0, 0, 0, 0.1)', palette: ['#1a85ff', '#e51400', '#388a34', '#bf8803', '#d18616', '#652d90'] },
  dark: { fg: '#cccccc', bg: '#1f1f1f', grid: 'rgba(255, 255, 255, 0.1)', palette: ['#3794ff', '#f14c4c', '#89d185', '#cca700', '#d18616', '#b180d7'] },
  'high-contrast': { fg: '#ffffff', bg: '#000000', grid: '#6fc3df', palette: ['#3794ff', '#f48771', '#89d185', '#ffd700', '#ff8c00', '#b180d7'] },
  'high-contrast-light': { fg: '#292929', bg: '#ffffff', grid: '#0f4a85', palette: ['#0f4a85', '#b5200d', '#007100', '#7f5700', '#8e4d00', '#652d90'] },
};

const CHART_COLOURS = ['blue', 'red', 'green', 'yellow', 'orange', 'purple'] as const;

/** Builds the theme from `get('--vscode-…')` (empty string when unset). */
export function buildTheme(get: (cssVariable: string) => string, kind: ThemeKind): ChartTheme {
  const fb = FALLBACK[kind];
  const v = (name: string, fallback: string): string => {
    const value = get(name).trim();
    return value.length > 0 ? value : fallback;
  };
  const foreground = v('--vscode-charts-foreground', v('--vscode-editor-foreground', v('--vscode-foreground', fb.fg)));
  const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const base = CHART_COLOURS.map((c, i) => v(`--vscode-charts-${c}`, fb.palette[i]));
  // Six theme colours, then the same hues dimmed, so eight or more series stay distinguishable.
  const palette = [...base, ...base.map((c) => withAlpha(c, 0.6))];
  return {
    kind,
    foreground,
    mutedForeground: v('--vscode-descriptionForeground', foreground),
    background: v('--vscode-editor-background', fb.bg),
    grid: highContrast ? v('--vscode-contrastBorder', fb.grid) : withAlpha(v('--vscode-charts-lines', foreground), 0.25),
    crosshair: v('--vscode-editorCursor-foreground', foreground),
    tooltipBackground: v('--vscode-editorHoverWidget-background', fb.bg),
    tooltipForeground: v('--vscode-editorHoverWidget-foreground', foreground),
    tooltipBorder: v('--vscode-editorHoverWidget-border', v('--vscode-contrastBorder', fb.grid)),
    errorForeground: v('--vscode-errorForeground', fb.palette[1]),
    fontFamily: v('--vscode-font-family', 'sans-serif'),
    fontSize: Number.parseFloat(v('--vscode-font-size', '13')) || 13,
    palette,
    lineWidth: highContrast ? 2 : 1.5,
  };
}

/** The colour with the given opacity, as `rgba(…)`; colours it cannot parse come back unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const c = color.trim();
  let r: number;
  let g: number;
  let b: number;
  let a = 1;
  const hex = /^#([0-9a-f]{3,8})$/i.exec(c);
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(c);
  if (hex) {
    let h = hex[1];
    if (h.length === 3 || h.length === 4) h = [...h].map((x) => x + x).join('');
    if (h.length !== 6 && h.length !== 8) return color;
    r = parseInt(h.slice(0, 2), 16);
    g = parseInt(h.slice(2, 4), 16);
    b = parseInt(h.slice(4, 6), 16);
    if (h.length === 8) a = parseInt(h.slice(6, 8), 16) / 255;
  } else if (rgb) {
    [r, g, b] = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
    if (rgb[4] !== undefined) a = rgb[4].endsWith('%') ? Number.parseFloat(rgb[4]) / 100 : Number(rgb[4]);
  } else {
    return color;
  }
  return `rgba(${r}, ${g}, ${b}, ${Math.round(a * alpha * 1000) / 1000})`;
}
