/**
 * Writes an export to the file the user chose without ever destroying it: the data goes to a new
 * temporary file beside the target (same folder, so the final rename is atomic) that replaces the target
 * only once everything was written and flushed. A cancelled or failed export removes that temporary file
 * and nothing else: we never remove a path we did not create. Every failure of the file system is an
 * `ExportFileError` whose `problem` the exporter puts in the user's words. vscode-free.
 */
import { randomBytes } from 'node:crypto';
import { type Stats } from 'node:fs';
import { lstat, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finish } from './streamWrite';

export type ExportFileProblem = 'noSpace' | 'readOnly' | 'noPermission' | 'missingFolder' | 'isFolder' | 'notAFile' | 'nameTooLong' | 'other';

export class ExportFileError extends Error {
  override readonly name = 'ExportFileError';
  constructor(
    readonly problem: ExportFileProblem,
    /** The file the user chose. */
    readonly path: string,
    cause?: unknown,
  ) {
    super(`${problem}: ${path}${cause instanceof Error ? ` (${cause.message})` : ''}`, { cause });
  }
}

export interface ReplaceOptions {
  /** The stream over the temporary file (tests inject one that fails like a full disk); default a write stream on `handle`. */
  readonly stream?: (handle: FileHandle) => Writable;
}

/**
 * Runs `write` on a stream into a new file beside `target`, then moves that file over `target`.
 * Rejects with `write`'s error (an abort stays an abort) or an `ExportFileError`; `target` is then as it was.
 */
export async function replaceFile<T>(target: string, write: (out: Writable) => Promise<T>, options: ReplaceOptions = {}): Promise<T> {
  const destination = await destinationOf(target);
  const existing = await statOf(destination, target);
  const folder = dirname(destination);
  const temp = join(folder, `.${basename(destination).slice(0, 80)}.${randomBytes(6).toString('hex')}.partial`);
  let handle: FileHandle;
  try {
    // 'wx' creates a new file or fails: the temporary name can never be someone else's file.
    handle = await open(temp, 'wx', existing ? existing.mode & 0o777 : 0o666);
  } catch (err) {
    throw fileError(err, target, 'folder');
  }
  let out: Writable | undefined;
  let streamError: unknown;
  try {
    out = options.stream ? options.stream(handle) : handle.createWriteStream({ encoding: 'utf8' });
    // Listening from the start: a failing disk never becomes an uncaught 'error' event.
    out.on('error', (err) => (streamError ??= err));
    const result = await write(out);
    await finish(out);
    if (streamError) throw streamError;
    await handle.close();
    await flushToDisk(temp);
    await rename(temp, destination);
    return result;
  } catch (err) {
    out?.destroy();
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    const cause = streamError ?? err;
    throw isFileSystemError(cause) ? fileError(cause, target, 'file') : err;
  }
}

/** fsync, so that the rename never puts an empty file where the old one was after a crash. */
async function flushToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where the data goes: the target, or the file a symbolic link there points to (the link stays a link). */
async function destinationOf(target: string): Promise<string> {
  const link = await lstat(target).catch(() => undefined);
  return link?.isSymbolicLink() ? realpath(target).catch(() => target) : target;
}

/** The existing regular file at `path`, undefined when there is none; refuses folders, devices, pipes and sockets. */
async function statOf(path: string, target: string): Promise<Stats | undefined> {
  let s: Stats;
  try {
    s = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      const folder = await stat(dirname(path)).catch(() => undefined);
      if (!folder?.isDirectory()) throw new ExportFileError('missingFolder', target, err);
      return undefined;
    }
    throw fileError(err, target, 'folder');
  }
  if (s.isDirectory()) throw new ExportFileError('isFolder', target);
  if (!s.isFile()) throw new ExportFileError('notAFile', target);
  return s;
}

function isFileSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

function fileError(err: unknown, target: string, stage: 'folder' | 'file'): ExportFileError {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new ExportFileError('noSpace', target, err);
    case 'EROFS':
      return new ExportFileError('readOnly', target, err);
    case 'EACCES':
    case 'EPERM':
      return new ExportFileError('noPermission', target, err);
    case 'ENOENT':
    case 'ENOTDIR':
      return new ExportFileError(stage === 'folder' ? 'missingFolder' : 'other', target, err);
    case 'EISDIR':
      return new ExportFileError('isFolder', target, err);
    case 'ENAMETOOLONG':
      return new ExportFileError('nameTooLong', target, err);
    default:
      return new ExportFileError('other', target, err);
  }
}
