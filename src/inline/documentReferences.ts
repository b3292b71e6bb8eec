/** The references of open documents, scanned once per document version. */
import type * as vscode from 'vscode';
import { scanReferences, type ScanResult } from './references';
import { INLINE_LANGUAGE_IDS, scanLanguageOf } from './scanner';

/** Python, JavaScript/TypeScript and JSON in any scheme: files, untitled documents and notebook cells. */
export const INLINE_SELECTOR: vscode.DocumentSelector = INLINE_LANGUAGE_IDS.map((language) => ({ language }));

const scans = new WeakMap<vscode.TextDocument, { version: number; result: ScanResult }>();
const EMPTY: ScanResult = { references: [], calls: [] };

export function isInlineDocument(document: vscode.TextDocument): boolean {
  return scanLanguageOf(document.languageId) !== undefined;
}

export function referencesOf(document: vscode.TextDocument): ScanResult {
  const language = scanLanguageOf(document.languageId);
  if (!language) return EMPTY;
  const cached = scans.get(document);
  if (cached && cached.version === document.version) return cached.result;
  const result = scanReferences(document.getText(), language);
  scans.set(document, { version: document.version, result });
  return result;
}
