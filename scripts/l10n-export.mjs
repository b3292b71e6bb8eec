// Regenerates l10n/bundle.l10n.json from the `l10n.t('…')` calls in src/ and webview/ (what `@vscode/l10n-dev
// export` does, which is not installed), and checks that package.nls.json has every `%key%` package.json uses.
//   node scripts/l10n-export.mjs           writes the bundle (existing keys and their values are kept)
//   node scripts/l10n-export.mjs --check   writes nothing; exit 1 when the bundle or package.nls.json lacks a key
// The TypeScript parser reads the literals, so escapes (\" \n \u…) become the same text VS Code looks up.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');
const BUNDLE = join(root, 'l10n', 'bundle.l10n.json');
const check = process.argv.includes('--check');

function* tsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** `l10n.t(…)` or `vscode.l10n.t(…)`. */
function isL10nCall(node) {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 't') return false;
  const target = node.expression.expression;
  return (ts.isIdentifier(target) && target.text === 'l10n') || (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n');
}

/** The message of a call: a string literal, or the `message` of the `{ message, args, comment }` form. */
function messageOf(arg) {
  if (!arg) return undefined;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  if (ts.isObjectLiteralExpression(arg)) {
    const prop = arg.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'message');
    return prop ? messageOf(prop.initializer) : undefined;
  }
  return undefined;
}

/** Every message in src/ and webview/ (the webviews get the bundle from the host), and the calls whose
 *  message is not a literal (they cannot be translated). */
function scanSources() {
  const messages = new Set();
  const dynamic = [];
  for (const file of [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'webview'))]) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node) => {
      if (isL10nCall(node)) {
        const message = messageOf(node.arguments[0]);
        if (message === undefined) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          dynamic.push(`${relative(root, file)}:${line + 1}`);
        } else messages.add(message);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages, dynamic };
}

/** `%key%` values in package.json that package.nls.json does not define. */
function missingNlsKeys() {
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
  const used = new Set();
  const walk = (value) => {
    if (typeof value === 'string') {
      const m = /^%([^%\s]+)%$/.exec(value);
      if (m) used.add(m[1]);
    } else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
  return [...used].filter((k) => !Object.hasOwn(nls, k)).sort();
}

// Locale order, as the bundle has always been sorted; code-unit order breaks ties so the output is stable.
const byKey = (a, b) => a.localeCompare(b, 'en') || (a < b ? -1 : a > b ? 1 : 0);

const { messages, dynamic } = scanSources();
const existing = JSON.parse(readFileSync(BUNDLE, 'utf8'));
const added = [...messages].filter((m) => !Object.hasOwn(existing, m)).sort(byKey);
const nlsMissing = missingNlsKeys();

for (const where of dynamic) console.warn(`warning: l10n.t without a literal message at ${where} (not exported)`);
if (check) {
  for (const m of added) console.error(`bundle.l10n.json lacks: ${JSON.stringify(m)}`);
} else {
  const merged = { ...existing };
  for (const m of added) merged[m] = m;
  const sorted = Object.fromEntries(Object.keys(merged).sort(byKey).map((k) => [k, merged[k]]));
  writeFileSync(BUNDLE, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`l10n/bundle.l10n.json: ${Object.keys(sorted).length} keys (${added.length} added, ${messages.size} used in src/ and webview/)`);
}
for (const k of nlsMissing) console.error(`package.nls.json lacks: ${k}`);
if (nlsMissing.length > 0 || (check && added.length > 0)) process.exit(1);
if (check) console.log(`l10n: ${messages.size} messages in src/ and webview/ all in the bundle; every %key% of package.json is in package.nls.json`);
