/**
 * Hostile strings: names a platform may hand us that break a sink that does not escape them. The
 * emulator's `hostile` dataset names assets, attributes, things and properties with them, and the
 * corpus suites (test/node/escape, test/host/hostile) send each through every sink of the extension.
 */

/** Every line terminator Python's `str.splitlines` knows, in a name (each can end a `#` comment). */
const LINE_BREAKS: Readonly<Record<string, string>> = {
  lf: '\n', cr: '\r', crlf: '\r\n', vt: '\v', ff: '\f', fs: '\x1c', gs: '\x1d', rs: '\x1e', nel: '\x85', ls: '\u2028', ps: '\u2029',
};

/** Short key → hostile string. Keys are plain so a failing test names the case. */
export const HOSTILE_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(LINE_BREAKS).map(([k, br]) => [`break-${k}`, `Pump${br}import os; os.system('echo pwned')`])),
  quotes: `It's a "quoted" name`,
  'quote-code': `x'); import os; os.system('echo pwned'); ('`,
  'backslash-end': 'ends with a backslash \\',
  'backslash-quote': "back\\'slash",
  nul: 'nul\0byte',
  html: '<img src=x onerror="alert(1)"><script>alert(2)</script>',
  'md-link': '[Open settings](command:workbench.action.openSettings)',
  'md-link-https': '[click](https://evil.example/x) ![img](https://evil.example/i.png) <https://evil.example>',
  'md-emphasis': '**bold** _it_ `code` # heading\n- item',
  'command-uri': 'command:iotExplorer.removeConnection?%5B%22demo%22%5D',
  icon: '$(warning) $(zap) icon',
  'formula-eq': '=HYPERLINK("https://evil.example","click")',
  'formula-plus': '+1+1',
  'formula-minus': '-2+3',
  'formula-at': '@SUM(1,2)',
  'formula-tab': '\t=1+1',
  'formula-cr': '\r=1+1',
  bidi: 'abc\u202Etxt.exe\u202C def \u2066x\u2069',
  'lone-high': 'lone \ud800 high',
  'lone-low': 'lone \udc00 low',
  path: '../../etc/passwd',
  'windows-reserved': 'CON',
  'file-chars': 'a/b\\c:d*e?f"g<h>i|j',
  fstring: '{__import__("os").system("echo pwned")}',
  template: '${process.exit(1)}`',
  unicode: 'Pumppu ü 👍 泵',
  long: `long-${'L'.repeat(100_000)}`,
};

export const HOSTILE_LIST: readonly string[] = Object.values(HOSTILE_NAMES);
