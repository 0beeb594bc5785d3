import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgress, formatProgressLine, silentProgress } from '../../src/ingest/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; output: string[] } {
  const output: string[] = [];
  const stream = { isTTY, columns: 120, write: (text: string) => output.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, output };
}

describe('progress', () => {
  it('prints nothing without a terminal', () => {
    const { stream, output } = fakeStream(false);
    const progress = createProgress(stream);
    assert.equal(progress, silentProgress);
    progress.start({ files: 2, bytes: 10 });
    progress.recordDone();
    progress.finish();
    assert.deepEqual(output, []);
  });

  it('redraws one line at most ten times a second and erases it at the end', () => {
    const { stream, output } = fakeStream(true);
    let now = 0;
    const progress = createProgress(stream, () => now);
    progress.start({ files: 4, bytes: 400 });
    assert.equal(output.length, 1);
    for (let i = 0; i < 50; i++) progress.recordDone();
    assert.equal(output.length, 1, 'no redraw within 100 ms');
    now = 2000;
    progress.fileDone(100);
    assert.equal(output.length, 2);
    assert.equal(output[1], '\r\x1b[2Kingesting 1/4 files · 50 records · 25 records/s · ETA 0:06');
    progress.finish();
    assert.equal(output.at(-1), '\r\x1b[2K');
  });

  it('formats counts, rate and an ETA from bytes', () => {
    assert.equal(
      formatProgressLine({ files: 10, totalFiles: 28, records: 1234, bytes: 25_000_000, totalBytes: 76_000_000, elapsedMs: 10_000 }),
      'ingesting 10/28 files · 1,234 records · 123 records/s · ETA 0:21',
    );
    assert.equal(formatProgressLine({ files: 0, totalFiles: 3, records: 0, bytes: 0, totalBytes: 9, elapsedMs: 0 }), 'ingesting 0/3 files · 0 records');
  });
});
