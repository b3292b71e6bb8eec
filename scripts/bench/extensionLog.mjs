// The lines of our extension's log files of every extension host a code-server run started (the bench
// reads what the extension logged there: its activation time, a chart's first frame).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The extension's log files of every extension host a code-server run started, oldest host first. */
export function extensionLogFiles(codeServerTmp) {
  const found = [];
  const visit = (d) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (p.includes('iot-explorer.iot-explorer') && name.endsWith('.log')) found.push(p);
    }
  };
  visit(join(codeServerTmp, 'ud/logs'));
  return found;
}

/** Every match of `pattern` (with the g and m flags) in the extension's logs under the run's user-data dir, with the file it came from. */
export function extensionLogMatches(codeServerTmp, pattern) {
  return extensionLogFiles(codeServerTmp).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => ({ file, match })));
}
