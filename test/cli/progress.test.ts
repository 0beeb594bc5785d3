import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCountProgress, formatCountLine, silentCountProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; output: string[] } {
  const output: string[] = [];
  const stream = { isTTY, columns: 120, write: (text: string) => output.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, output };
}

describe('migrate/backup/restore progress', () => {
  it('prints nothing without a terminal', () => {
    const { stream, output } = fakeStream(false);
    const progress = createCountProgress('copying', 10, stream);
    assert.equal(progress, silentCountProgress);
    progress.tick();
    progress.finish();
    assert.deepEqual(output, []);
  });

  it('on a terminal: one line with count, rate and ETA, redrawn at most ten times a second, erased at the end', () => {
    const { stream, output } = fakeStream(true);
    let now = 0;
    const progress = createCountProgress('copying', 1000, stream, () => now);
    assert.deepEqual(output, ['\r\x1b[2Kcopying 0/1,000 documents']);
    for (let i = 0; i < 50; i++) progress.tick();
    assert.equal(output.length, 1, 'no redraw within 100 ms');
    now = 2000;
    progress.tick();
    assert.equal(output.at(-1), '\r\x1b[2Kcopying 51/1,000 documents · 26 documents/s · ETA 0:38');
    progress.finish();
    assert.equal(output.at(-1), '\r\x1b[2K');
  });

  it('formats done/total, rate and ETA', () => {
    assert.equal(formatCountLine('restoring', 1200, 8635, 10_000), 'restoring 1,200/8,635 documents · 120 documents/s · ETA 1:02');
    assert.equal(formatCountLine('copying', 10, 10, 4000), 'copying 10/10 documents · 3 documents/s');
  });
});
