// `npm test`: type-check and lint, build, then the three tiers:
//   1. node   — node --test over out/test/node (platform clients and emulator over loopback HTTP)
//   2. host   — mocha inside a real VS Code extension host (code-server + Chromium)
//   3. ui     — playwright-core driving the real workbench, screenshots in test-results/
// Options: --only node|host|ui (repeatable), --skip-check. Ends with one line "Summary: N passed, M failed".
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const only = argv.flatMap((a, i) => (a === '--only' ? [argv[i + 1]] : []));
const wants = (tier) => only.length === 0 || only.includes(tier);
const skipCheck = argv.includes('--skip-check') || only.length > 0;

/** Runs a command, streaming its output, and resolves with its exit code and the text it printed. */
function run(cmd, args, { capture = false, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const onData = (stream) => (chunk) => {
      stream.write(chunk);
      if (capture) text += chunk.toString();
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), text }));
  });
}

const tiers = [];
const started = Date.now();
const elapsed = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

async function step(name, cmd, args) {
  const t = Date.now();
  console.log(`\n▶ ${name}`);
  const { code } = await run(cmd, args);
  if (code !== 0) {
    console.log(`\n${name} failed (exit ${code})`);
    console.log('Summary: 0 passed, 1 failed');
    process.exit(code);
  }
  console.log(`✓ ${name} (${elapsed(t)})`);
}

async function tier(name, cmd, args, parse) {
  const t = Date.now();
  console.log(`\n▶ ${name} tests`);
  const { code, text } = await run(cmd, args, { capture: true });
  const counts = parse(text);
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // crashed before reporting
  if (counts.passed + counts.failed === 0) counts.failed = 1; // a tier that ran nothing is a failure
  tiers.push({ name, ...counts, time: elapsed(t) });
}

const num = (text, re) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);

if (!skipCheck) await step('check (tsc + eslint)', 'npm', ['run', '--silent', 'check']);
await step('build', process.execPath, ['esbuild.mjs']);
await step('build tests', process.execPath, ['esbuild.mjs', '--tests']);

if (wants('node')) {
  // The Python backend's tests need Debian's python3 with pandas (installed with apt when missing).
  await step('provision Python for the node tier', 'bash', ['scripts/provision-tools.sh', '--python']);
  await tier('node', process.execPath, ['--test', '--test-reporter=spec', 'out/test/node/'], (text) => ({
    passed: num(text, /^ℹ pass (\d+)$/gm),
    failed: num(text, /^ℹ fail (\d+)$/gm) + num(text, /^ℹ cancelled (\d+)$/gm),
  }));
}

if (wants('host') || wants('ui')) {
  await step('provision real VS Code tools', 'bash', ['scripts/provision-tools.sh']);
}

const mochaCounts = (text) => ({ passed: num(text, /^\s*(\d+) passing/gm), failed: num(text, /^\s*(\d+) failing/gm) });
if (wants('host')) await tier('host', process.execPath, ['scripts/vscode/runHostTests.cjs'], mochaCounts);
if (wants('ui') && existsSync(join(root, 'out/test/ui'))) await tier('ui', process.execPath, ['scripts/vscode/runUiTests.cjs'], mochaCounts);

console.log('\nTier     passed  failed  time');
for (const t of tiers) console.log(`${t.name.padEnd(8)} ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}  ${t.time}`);
const passed = tiers.reduce((n, t) => n + t.passed, 0);
const failed = tiers.reduce((n, t) => n + t.failed, 0);
console.log(`Total time ${elapsed(started)}`);
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
