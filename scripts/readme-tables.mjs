// Prints the README's Commands and Settings tables from package.json and package.nls.json, so the README
// can be kept in step with the manifest: `node scripts/readme-tables.mjs`.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8'));
const text = (s) => (typeof s === 'string' ? s.replace(/^%(.+)%$/, (_, k) => nls[k] ?? s) : '');
const cell = (s) => text(s).replace(/\|/g, '\\|').replace(/\n+/g, ' ');

const palette = new Map((pkg.contributes.menus?.commandPalette ?? []).map((m) => [m.command, m.when]));
console.log('| Command | Title |\n|---|---|');
for (const c of pkg.contributes.commands ?? []) {
  if (palette.get(c.command) === 'false') continue; // context-menu only
  console.log(`| \`${c.command}\` | ${c.category ? `${cell(c.category)}: ` : ''}${cell(c.title)} |`);
}
const configs = [pkg.contributes.configuration].flat().filter(Boolean);
console.log('\n| Setting | Default | Description |\n|---|---|---|');
for (const conf of configs) {
  for (const [key, p] of Object.entries(conf.properties ?? {})) {
    console.log(`| \`${key}\` | \`${JSON.stringify(p.default)}\` | ${cell(p.markdownDescription ?? p.description)} |`);
  }
}
