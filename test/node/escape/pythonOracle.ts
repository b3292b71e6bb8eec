/**
 * Python itself as the oracle for generated code: Debian's python3 parses each source with `ast` and
 * reports the statement kinds, every string constant, the f-string parts and how many lines
 * `str.splitlines` sees. One process for a whole batch.
 */
import { execFileSync } from 'node:child_process';

export interface PythonReport {
  /** `SyntaxError: …` when the source does not parse. */
  readonly error?: string;
  /** Top-level statement kinds (`Assign`, `Expr`, `ImportFrom`…). */
  readonly statements: readonly string[];
  /** Every `str` constant, in source order (f-string parts included). */
  readonly strings: readonly string[];
  /** Formatted values inside f-strings: code that would run. */
  readonly formatted: number;
  /** Comments as `tokenize` reads them. */
  readonly comments: readonly string[];
  readonly lines: number;
}

const SCRIPT = String.raw`
import ast, io, json, sys, tokenize
out = []
for src in json.load(sys.stdin):
    try:
        tree = ast.parse(src)
        comments = [t.string for t in tokenize.generate_tokens(io.StringIO(src).readline) if t.type == tokenize.COMMENT]
        strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        formatted = sum(1 for n in ast.walk(tree) if isinstance(n, ast.FormattedValue))
        out.append({"statements": [type(s).__name__ for s in tree.body], "strings": strings, "formatted": formatted, "comments": comments, "lines": len(src.splitlines())})
    except Exception as e:
        out.append({"error": type(e).__name__ + ": " + str(e), "statements": [], "strings": [], "formatted": 0, "comments": [], "lines": len(src.splitlines())})
json.dump(out, sys.stdout)
`;

export function pythonReports(sources: readonly string[]): PythonReport[] {
  const text = execFileSync('/usr/bin/python3', ['-c', SCRIPT], { input: JSON.stringify(sources), maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  return JSON.parse(text) as PythonReport[];
}
