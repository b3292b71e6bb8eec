/** Checks and conversions the platform modules' connection fields share. */
import * as vscode from 'vscode';

export function checkUrl(optional: boolean) {
  return (value: string): string | undefined => {
    if (!value.trim()) return optional ? undefined : vscode.l10n.t('Required');
    try {
      const u = new URL(value.trim());
      return u.protocol === 'https:' || u.protocol === 'http:' ? undefined : vscode.l10n.t('Use an http or https URL');
    } catch {
      return vscode.l10n.t('Not a valid URL');
    }
  };
}

export const required = (value: string): string | undefined => (value.trim() ? undefined : vscode.l10n.t('Required'));

/** A trimmed URL without trailing slashes; undefined when empty. */
export const trimUrl = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim().replace(/\/+$/, '') : undefined);

/** A trimmed text; undefined when empty. */
export const trimText = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);

/** The origin of a URL, or undefined when it is not one. */
export function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url.trim()).origin : undefined;
  } catch {
    return undefined;
  }
}

/** A non-negative number (empty allowed when optional). */
export function checkNumber(min: number, max: number) {
  return (value: string): string | undefined => {
    if (!value.trim()) return undefined;
    const n = Number(value.trim());
    return Number.isFinite(n) && n >= min && n <= max ? undefined : vscode.l10n.t('A number from {0} to {1}', min, max);
  };
}

/** The number in a text, or undefined when empty. */
export const numberOf = (v: string | undefined): number | undefined => (v && v.trim() && Number.isFinite(Number(v.trim())) ? Number(v.trim()) : undefined);

/** The prompt of a secret field. */
export function secretPrompt(what: string, editing: boolean): string {
  return editing
    ? vscode.l10n.t('{0} (stored in secure storage; leave empty to keep the stored one)', what)
    : vscode.l10n.t('{0} (stored in secure storage, never in settings)', what);
}
