import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliRun } from './helpers.js';

/**
 * CLI processes that run beside the test (serve, a long ingest, a restore while the test keeps
 * asking a server): `archivum()` in helpers.ts waits for its child, which would stop the test's
 * own event loop meanwhile.
 */
const LAUNCHER = fileURLToPath(new URL('./archivum.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface Running {
  child: ChildProcess;
  /** Resolves when the process has exited, with what it printed. */
  done: Promise<CliRun>;
  /** What it has printed so far. */
  output(): { stdout: string; stderr: string };
  exited(): boolean;
}

export function startArchivum(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Running {
  const env = { ...process.env, ...options.env };
  delete env.ARCHIVUM_DB;
  if (options.env?.ARCHIVUM_DB) env.ARCHIVUM_DB = options.env.ARCHIVUM_DB;
  const child = spawn(process.execPath, ['--import', TSX, LAUNCHER, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let hasExited = false;
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) => {
      hasExited = true;
      resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr });
    });
  });
  return { child, done, output: () => ({ stdout, stderr }), exited: () => hasExited };
}

export interface Server {
  base: string;
  process: Running;
  json(path: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/** `archivum serve --port 0 …`, once it says where it listens. */
export async function serveArchivum(db: string, cwd: string, extra: string[] = []): Promise<Server> {
  const running = startArchivum(['serve', '--db', db, '--port', '0', ...extra], { cwd });
  const deadline = Date.now() + 60_000;
  let base: string | undefined;
  while (!base) {
    const match = /serving \w+ archive at (http:\/\/[^\s]+?)\/?\s/.exec(running.output().stdout);
    if (match) base = match[1];
    else if (running.exited() || Date.now() > deadline) {
      running.child.kill('SIGKILL');
      const { stdout, stderr } = running.output();
      throw new Error(`archivum serve did not start: ${stdout}${stderr}`);
    } else await sleep(50);
  }
  const url = base;
  return {
    base: url,
    process: running,
    async json(path) {
      const res = await fetch(url + path);
      const text = await res.text();
      try {
        return { status: res.status, body: JSON.parse(text) as unknown };
      } catch {
        throw new Error(`${path} did not answer JSON (status ${res.status}): ${text.slice(0, 200)}`);
      }
    },
    async stop() {
      if (!running.exited()) running.child.kill('SIGTERM');
      await running.done;
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 50 ms until it holds, or fails after `ms`. */
export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
