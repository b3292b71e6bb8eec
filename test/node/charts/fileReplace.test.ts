/**
 * Export files are never destroyed: the data goes to a temporary file beside the target that replaces it
 * only when complete. Real files and folders; a full disk and a read-only disk are real tmpfs mounts when
 * this process may mount (root, as on CI), and a stream failing like a full disk at the writer boundary always.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ExportFileError, replaceFile } from '../../../src/charts/fileReplace';
import { writeText } from '../../../src/charts/streamWrite';

const root = mkdtempSync(join(tmpdir(), 'iot-replace-'));
let n = 0;
const dir = (): string => {
  const d = join(root, String(++n));
  mkdirSync(d);
  return d;
};

/** Writes `total` bytes in 64 KiB chunks through the back-pressure-aware writer. */
const bytes = (total: number) => async (out: Writable): Promise<number> => {
  for (let done = 0; done < total; done += 65536) await writeText(out, 'x'.repeat(Math.min(65536, total - done)));
  return total;
};

/** A problem of `replaceFile`, or undefined when it succeeded. */
async function problemOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return err instanceof ExportFileError ? err.problem : `not an ExportFileError: ${String(err)}`;
  }
}

/** A tmpfs of `size` mounted on a new folder (undefined when this process may not mount). */
function tmpfs(options: string): { path: string; unmount: () => void } | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const path = dir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { path, unmount: () => execFileSync('umount', [path], { stdio: 'ignore' }) };
}

void test('a successful export replaces the file, keeps its permissions and leaves nothing beside it', async () => {
  const d = dir();
  const file = join(d, 'out.csv');
  writeFileSync(file, 'old', { mode: 0o640 });
  chmodSync(file, 0o640);
  assert.equal(await replaceFile(file, async (out) => { await writeText(out, 'new'); return 7; }), 7);
  assert.equal(readFileSync(file, 'utf8'), 'new');
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(d), ['out.csv']);
  // A new file too.
  await replaceFile(join(d, 'fresh.json'), (out) => writeText(out, '{}'));
  assert.deepEqual(readdirSync(d).sort(), ['fresh.json', 'out.csv']);
});

void test('a failed or cancelled export leaves the file as it was and removes only its own temporary file', async () => {
  const d = dir();
  const file = join(d, 'precious.csv');
  writeFileSync(file, 'precious');
  await assert.rejects(replaceFile(file, async (out) => { await writeText(out, 'partial'); throw new Error('fetch failed'); }), /fetch failed/);
  const abort = new AbortController();
  await assert.rejects(replaceFile(file, async (out) => { await writeText(out, 'partial'); abort.abort(); abort.signal.throwIfAborted(); }), { name: 'AbortError' });
  assert.equal(readFileSync(file, 'utf8'), 'precious');
  assert.deepEqual(readdirSync(d), ['precious.csv']);
});

void test('a folder, a missing folder, a device or a too long name as target: a typed problem, nothing touched', async () => {
  const d = dir();
  mkdirSync(join(d, 'folder.csv'));
  assert.equal(await problemOf(replaceFile(join(d, 'folder.csv'), bytes(10))), 'isFolder');
  assert.ok(statSync(join(d, 'folder.csv')).isDirectory());
  assert.equal(await problemOf(replaceFile(join(d, 'missing', 'x.csv'), bytes(10))), 'missingFolder');
  writeFileSync(join(d, 'plain'), 'p');
  assert.equal(await problemOf(replaceFile(join(d, 'plain', 'x.csv'), bytes(10))), 'missingFolder', 'a file where the folder should be');
  assert.equal(await problemOf(replaceFile('/dev/null', bytes(10))), 'notAFile');
  assert.ok(statSync('/dev/null').isCharacterDevice(), 'the device is still there');
  assert.equal(await problemOf(replaceFile(join(d, 'n'.repeat(300)), bytes(10))), 'nameTooLong');
  assert.deepEqual(readdirSync(d).sort(), ['folder.csv', 'plain']);
});

void test('a symbolic link stays a link: the file it points to gets the data', async () => {
  const d = dir();
  writeFileSync(join(d, 'real.csv'), 'old');
  symlinkSync(join(d, 'real.csv'), join(d, 'link.csv'));
  await replaceFile(join(d, 'link.csv'), (out) => writeText(out, 'new'));
  assert.equal(readFileSync(join(d, 'real.csv'), 'utf8'), 'new');
  assert.ok(readdirSync(d).includes('link.csv') && readFileSync(join(d, 'link.csv'), 'utf8') === 'new');
});

void test('a disk that fills up mid-export (a stream failing with ENOSPC): typed problem, no uncaught error, file kept', async () => {
  const d = dir();
  const file = join(d, 'big.csv');
  writeFileSync(file, 'precious');
  let uncaught: unknown;
  const onUncaught = (err: unknown): void => {
    uncaught = err;
  };
  process.on('uncaughtException', onUncaught);
  try {
    // The real temporary file, written through its handle until 100 KB, then the disk is "full".
    const failing = (handle: FileHandle): Writable => {
      let written = 0;
      return new Writable({
        write(chunk: Buffer, _enc, cb) {
          written += chunk.length;
          if (written > 100_000) {
            cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', errno: -28 }));
            return;
          }
          handle.write(chunk).then(() => cb(), cb);
        },
      });
    };
    assert.equal(await problemOf(replaceFile(file, bytes(1_000_000), { stream: failing })), 'noSpace');
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  assert.equal(uncaught, undefined);
  assert.equal(readFileSync(file, 'utf8'), 'precious');
  assert.deepEqual(readdirSync(d), ['big.csv']);
});

void test('a real full disk (64 KB tmpfs) and a real read-only disk', async (t) => {
  const small = tmpfs('size=64k');
  if (!small) {
    t.skip('mounting a tmpfs needs root; the ENOSPC stream test above covers the writer boundary');
    return;
  }
  try {
    const file = join(small.path, 'out.csv');
    writeFileSync(file, 'precious');
    assert.equal(await problemOf(replaceFile(file, bytes(1_000_000))), 'noSpace');
    assert.equal(readFileSync(file, 'utf8'), 'precious');
    assert.deepEqual(readdirSync(small.path), ['out.csv']);
  } finally {
    small.unmount();
  }
  const ro = tmpfs('size=64k,ro');
  assert.ok(ro, 'a read-only tmpfs mounts where a writable one did');
  try {
    assert.equal(await problemOf(replaceFile(join(ro.path, 'out.csv'), bytes(10))), 'readOnly');
  } finally {
    ro.unmount();
  }
});

void test('a folder without write permission (non-root only: root may write anywhere)', async (t) => {
  if (process.getuid?.() === 0) {
    t.skip('root ignores permissions; the read-only tmpfs above is the real test there');
    return;
  }
  const d = dir();
  writeFileSync(join(d, 'out.csv'), 'precious');
  chmodSync(d, 0o555);
  try {
    assert.equal(await problemOf(replaceFile(join(d, 'out.csv'), bytes(10))), 'noPermission');
  } finally {
    chmodSync(d, 0o755);
  }
  assert.equal(readFileSync(join(d, 'out.csv'), 'utf8'), 'precious');
});

void test('cleanup', () => rmSync(root, { recursive: true, force: true }));
