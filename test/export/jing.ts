import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The official schemas beside the checkout (CI has ../shared next to the clone). */
export const SCHEMAS = path.resolve(import.meta.dirname, '../../../shared/schemas');

/** Validates XML files with jing against a RELAX NG schema in ../shared/schemas; the messages when invalid. */
export function jingProblems(schema: string, files: string[]): string {
  const run = spawnSync('jing', [schema, ...files], { encoding: 'utf8' });
  assert.ok(!run.error, `jing could not run (${run.error?.message}): apt-get install -y jing`);
  return run.status === 0 ? '' : `${run.stdout}${run.stderr}`.split('\n').filter((l) => !l.includes('[warning]')).join('\n') || `jing exited ${run.status}`;
}
