/** Reads the VS Code theme of the webview (CSS variables and body classes) and reports changes. */
import { buildTheme, themeKindFromClasses, type ChartTheme } from '../../src/shared/chart/chartTheme';

export type { ChartTheme } from '../../src/shared/chart/chartTheme';

export function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  return buildTheme((name) => style.getPropertyValue(name), themeKindFromClasses([...document.body.classList]));
}

/** Calls `onChange` whenever VS Code switches the theme (it rewrites the variables and the body class). */
export function watchTheme(onChange: (theme: ChartTheme) => void): void {
  let pending = false;
  const fire = (): void => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange(readTheme());
    });
  };
  const observer = new MutationObserver(fire);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
