#!/usr/bin/env node
// Node 20's test runner takes no globs: find every test file under test/ and run them in one
// runner, so the closing "# pass / # fail" lines cover the whole suite. Extra arguments filter
// files by substring (npm test -- store).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : findTests(full);
      return entry.name.endsWith('.test.ts') ? [full] : [];
    })
    .sort();
}

const filters = process.argv.slice(2);
const files = findTests('test').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
