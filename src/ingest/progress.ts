/**
 * Progress of a long ingest. On a terminal: one line, redrawn at most ten times a second, with
 * files done/total, records done, rate and an ETA. The ETA comes from bytes, since how many
 * records a file holds is unknown until it is read. Without a terminal nothing is printed
 * during the run (logs and pipes get only the summary line).
 */
export interface ProgressReporter {
  start(totals: { files: number; bytes: number }): void;
  recordDone(): void;
  fileDone(bytes: number): void;
  /** Erases the line so other output (a failure message) starts on a clean line. */
  clear(): void;
  finish(): void;
}

export interface ProgressState {
  files: number;
  totalFiles: number;
  records: number;
  bytes: number;
  totalBytes: number;
  elapsedMs: number;
}

const REDRAW_MS = 100;

export const silentProgress: ProgressReporter = {
  start() {},
  recordDone() {},
  fileDone() {},
  clear() {},
  finish() {},
};

/**
 * One status line on a terminal, redrawn at most ten times a second and cut to the terminal's
 * width, that can be erased before other output. Ingest and the CLI's long copies share it.
 */
export function terminalLine(stream: NodeJS.WriteStream, now: () => number): { draw(text: () => string, force?: boolean): void; clear(): void } {
  let lastDraw = -Infinity;
  let shown = false;
  return {
    draw(text, force = false) {
      const t = now();
      if (!force && t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\x1b[2K${text().slice(0, width)}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** A terminal progress line on `stream`, or {@link silentProgress} when it is not a terminal. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = () => performance.now()): ProgressReporter {
  if (!stream.isTTY) return silentProgress;
  const state: ProgressState = { files: 0, totalFiles: 0, records: 0, bytes: 0, totalBytes: 0, elapsedMs: 0 };
  let startedAt = now();
  const line = terminalLine(stream, now);
  const draw = (force: boolean): void =>
    line.draw(() => {
      state.elapsedMs = now() - startedAt;
      return formatProgressLine(state);
    }, force);
  return {
    start(totals) {
      startedAt = now();
      state.totalFiles = totals.files;
      state.totalBytes = totals.bytes;
      draw(true);
    },
    recordDone() {
      state.records++;
      draw(false);
    },
    fileDone(bytes) {
      state.files++;
      state.bytes += bytes;
      draw(false);
    },
    clear: line.clear,
    finish: line.clear,
  };
}

export function formatProgressLine(s: ProgressState): string {
  const seconds = s.elapsedMs / 1000;
  const parts = [`${s.files}/${s.totalFiles} files`, `${s.records.toLocaleString('en-US')} records`];
  if (seconds >= 0.5) parts.push(`${Math.round(s.records / seconds).toLocaleString('en-US')} records/s`);
  if (s.bytes > 0 && s.totalBytes > s.bytes && seconds >= 0.5) {
    parts.push(`ETA ${formatDuration((seconds * (s.totalBytes - s.bytes)) / s.bytes)}`);
  }
  return `ingesting ${parts.join(' · ')}`;
}

export function formatDuration(seconds: number): string {
  const total = Math.ceil(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
