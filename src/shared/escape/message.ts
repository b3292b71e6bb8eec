/**
 * Platform text in the workbench's own widgets. Notifications turn `[text](command:…)`, `(https://…)`
 * and `(file:…)` into live links, and quick picks and the status bar turn `$(name)` into icons: data
 * must do neither. Both also get one line of visible text (see `oneLine`).
 */
import { oneLine } from './text';

/**
 * Text for a notification message. VS Code makes a link of `[label](target)` only when `](` is
 * contiguous; a zero-width space after every `]` of the data keeps that from ever happening, whatever
 * text surrounds the value, and shows nothing.
 */
export function messageText(text: unknown, max = 1000): string {
  return oneLine(String(text), max).replace(/\]/g, ']\u200b');
}

/** Text for a quick pick label or description, or status bar text: `$(…)` shows as written, not as an icon. */
export function iconText(text: string, max = 300): string {
  return oneLine(text, max).replace(/\$\(/g, '\\$(');
}
