/**
 * MQTT topic names and filters (MQTT 3.1.1 §4.7): `+` is one level, `#` the rest (last level only).
 * Pure: the emulator's broker checks its ACL with it, the client routes messages with it, and the
 * Monitor webview filters with it.
 */

/** Whether a topic name (no wildcards) matches a filter. Topics starting with `$` match no wildcard at the first level. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return i === f.length - 1;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/**
 * Whether every topic that `filter` can match is also matched by `pattern`: the test of a subscription
 * against an ACL pattern (`a/+/c` covers `a/b/c` and `a/+/c`, not `a/#`).
 */
export function filterCovers(pattern: string, filter: string): boolean {
  const p = pattern.split('/');
  const f = filter.split('/');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '#') return i === p.length - 1;
    if (i >= f.length) return false;
    if (f[i] === '#') return false;
    if (p[i] !== '+' && p[i] !== f[i]) return false;
  }
  return p.length === f.length;
}

/** A valid filter: no empty string, `#` only as a whole last level, `+` only as a whole level, no NUL. */
export function isValidFilter(filter: string): boolean {
  if (filter.length === 0 || filter.includes('\u0000')) return false;
  const levels = filter.split('/');
  return levels.every((level, i) => (level.includes('#') ? level === '#' && i === levels.length - 1 : !level.includes('+') || level === '+'));
}

/** A level that can stand in a topic name as itself: not empty, no `/`, no wildcard, no NUL. */
export function isTopicLevel(text: string): boolean {
  return text.length > 0 && !/[/+#]/.test(text) && !text.includes('\u0000');
}
