import { formatDuration, terminalLine } from '../ingest/progress.js';

/**
 * Progress of a long copy (migrate, backup, restore), counted in documents. On a terminal: one
 * line redrawn at most ten times a second with done/total, rate and ETA, as ingest shows it
 * (src/ingest/progress.ts, which counts files and bytes); elsewhere nothing, and the command
 * prints its summary line at the end.
 */
export interface CountProgress {
  /** One more document done. */
  tick(): void;
  /** Erases the line. */
  finish(): void;
}

export const silentCountProgress: CountProgress = { tick() {}, finish() {} };

export function createCountProgress(
  verb: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = () => performance.now(),
): CountProgress {
  if (!stream.isTTY) return silentCountProgress;
  const startedAt = now();
  let done = 0;
  const line = terminalLine(stream, now);
  const draw = (): void => line.draw(() => formatCountLine(verb, done, total, now() - startedAt));
  draw();
  return {
    tick() {
      done++;
      draw();
    },
    finish: line.clear,
  };
}

/** "copying 1,200/8,635 documents · 410 documents/s · ETA 0:18" */
export function formatCountLine(verb: string, done: number, total: number, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const parts = [`${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} documents`];
  if (seconds >= 0.5 && done > 0) {
    const rate = done / seconds;
    parts.push(`${Math.round(rate).toLocaleString('en-US')} documents/s`);
    if (total > done) parts.push(`ETA ${formatDuration((total - done) / rate)}`);
  }
  return `${verb} ${parts.join(' · ')}`;
}
