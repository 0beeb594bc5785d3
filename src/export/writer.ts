import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const FLUSH_CHARS = 1024 * 1024;

/** Appends text to the file being written; buffered, so many small pieces cost few writes. */
export type WriteText = (text: string) => Promise<void>;

/**
 * Writes `out` through a temporary file beside it, renamed when complete and synced: `out` is
 * either the previous file or the whole new one, never half an export (a full disk, a crash, a
 * store error midway).
 */
export async function writeFileAtomically<T>(out: string, produce: (write: WriteText) => Promise<T>): Promise<T> {
  const temp = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w');
  let buffered = '';
  const write: WriteText = async (text) => {
    buffered += text;
    if (buffered.length >= FLUSH_CHARS) {
      await handle.write(buffered);
      buffered = '';
    }
  };
  try {
    const result = await produce(write);
    await handle.write(buffered);
    await handle.sync();
    await handle.close();
    await rename(temp, out);
    return result;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
