// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time.
//   node scripts/bench/profileSummary.mjs FILE.cpuprofile [TOP]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** [{ name, where, selfMs, share }] sorted by self time, top `top`. */
export function topSelfTime(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const ms = (dt[i] ?? 0) / 1000;
    total += ms;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'}\u0000${f.url ? `${basename(f.url)}:${f.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => {
      const [name, where] = key.split('\u0000');
      return { name, where, selfMs: Math.round(ms), share: total ? ms / total : 0 };
    });
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  for (const r of topSelfTime(process.argv[2], Number(process.argv[3] ?? 25))) {
    console.log(`${String(r.selfMs).padStart(7)} ms ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}  ${r.where}`);
  }
}
