// The emulator in its own process (its CPU and memory are not the bench's): started with the dataset
// parameters the figures need, ready once it prints `IoT emulator listening on <url>`, stopped by pid.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const READY = /^IoT emulator listening on (\S+)/;

/** @returns {Promise<{ url: string, pid: number, stop: () => Promise<void> }>} */
export async function startEmulatorProcess(script, args, timeoutMs = 60_000) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = READY.exec(line);
      if (m) resolve(m[1]);
      else reject(new Error(`unexpected first line from the emulator: ${line}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code}:\n${stderr}`));
    });
  });
  child.stdout.resume();
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    if (!done) child.kill('SIGKILL');
  };
  return { url, pid: child.pid, stop };
}
