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

const REDRAW_MS = 100;

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
  let lastDraw = -Infinity;
  let shown = false;
  const draw = (): void => {
    const t = now();
    if (t - lastDraw < REDRAW_MS) return;
    lastDraw = t;
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\x1b[2K${formatCountLine(verb, done, total, t - startedAt).slice(0, width)}`);
    shown = true;
  };
  draw();
  return {
    tick() {
      done++;
      draw();
    },
    finish() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
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

function formatDuration(seconds: number): string {
  const total = Math.ceil(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
