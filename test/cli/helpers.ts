import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LAUNCHER = fileURLToPath(new URL('./archivum.ts', import.meta.url));
// Resolved here, not from the child's working directory, which is a temporary folder.
const TSX = import.meta.resolve('tsx');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `archivum ARGS` in a child process with the given working directory and environment. */
export function archivum(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; input?: string }): CliRun {
  const env = { ...process.env, ...options.env };
  delete env.ARCHIVUM_DB;
  if (options.env?.ARCHIVUM_DB !== undefined) env.ARCHIVUM_DB = options.env.ARCHIVUM_DB;
  const result = spawnSync(process.execPath, ['--import', TSX, LAUNCHER, ...args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'archivum-cli-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
