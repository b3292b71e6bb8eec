/**
 * Our own part of activation (issue 17 §1, bench figure `activation_own_ms`): from the moment the
 * extension host starts loading our code (its performance mark `code/extHost/willLoadExtensionCode/<id>`,
 * kept in `globalThis.MonacoPerformanceMarks` with Date.now() times) to now, the end of `activate()`.
 * Undefined where there is no such mark.
 */
interface Marks {
  getMarks(): { name: string; startTime: number }[];
}

export function msSinceCodeLoad(extensionId: string): number | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: Marks }).MonacoPerformanceMarks;
  const start = marks?.getMarks().find((m) => m.name === `code/extHost/willLoadExtensionCode/${extensionId}`);
  return start ? Date.now() - start.startTime : undefined;
}
