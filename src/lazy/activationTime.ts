/**
 * Our own part of activation (issue 17 §1, bench figure `activation_own_ms`), read from the extension
 * host's performance marks (kept in `globalThis.MonacoPerformanceMarks` with Date.now() times):
 * `code/extHost/willLoadExtensionCode/<id>` and `didLoadExtensionCode/<id>` bracket the import of our
 * code; after it the host waits for the extension's context (its storage, secrets and state, asked of the
 * workbench) before it calls `activate()`. `loadMs` is the import alone; `sinceLoadMs` runs from the start
 * of the import to now (the end of `activate()`), so it also holds that wait. Undefined without the marks.
 */
interface Marks {
  getMarks(): { name: string; startTime: number }[];
}

export interface CodeLoadTimes {
  readonly loadMs: number;
  readonly sinceLoadMs: number;
}

export function codeLoadTimes(extensionId: string): CodeLoadTimes | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: Marks }).MonacoPerformanceMarks?.getMarks();
  const at = (what: string): number | undefined => marks?.find((m) => m.name === `code/extHost/${what}/${extensionId}`)?.startTime;
  const willLoad = at('willLoadExtensionCode');
  const didLoad = at('didLoadExtensionCode');
  if (willLoad === undefined || didLoad === undefined) return undefined;
  return { loadMs: didLoad - willLoad, sinceLoadMs: Date.now() - willLoad };
}
