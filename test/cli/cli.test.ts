import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildIngestRecord } from '../../src/domain/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { createApp } from '../../src/web/app.js';
import { archivum, tempDir } from './helpers.js';

const GOOD = `---
title: A good letter about Malinovsky
date: 1962-11-02
type: Letter
authors: [Nikita Khrushchev]
---
Marshal Malinovsky reported on the withdrawal.
`;

const BROKEN = `---
date: 1962-11-03
type: Letter
---
This file has no title.
`;

describe('archivum CLI', () => {
  let work: { dir: string; cleanup(): void };
  before(() => {
    work = tempDir();
    fs.mkdirSync(path.join(work.dir, 'batch'));
    fs.writeFileSync(path.join(work.dir, 'batch', 'good.md'), GOOD);
    fs.writeFileSync(path.join(work.dir, 'batch', 'broken.md'), BROKEN);
  });
  after(() => work.cleanup());

  it('ingests a batch: the good file lands, the broken one is named, exit 1', () => {
    const run = archivum(['ingest', '--db', 'batch.db', '--report', 'report.jsonl', 'batch'], { cwd: work.dir });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /broken\.md/);
    assert.match(run.stderr, /title/);
    assert.match(run.stdout, /^ingested 1 new, 0 updated, 1 failed in \d+\.\d s$/m);
    const report = fs.readFileSync(path.join(work.dir, 'report.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; reason?: string });
    assert.ok(report.some((r) => r.file.endsWith('broken.md') && r.reason));
    const found = JSON.parse(archivum(['search', '--db', 'batch.db', '--json', 'Malinovsky'], { cwd: work.dir }).stdout) as { total: number };
    assert.equal(found.total, 1);
  });

  it('ingesting the same files again does not duplicate them', () => {
    const run = archivum(['ingest', '--db', 'batch.db', path.join('batch', 'good.md')], { cwd: work.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ingested 0 new, 1 updated, 0 failed/m);
    const found = JSON.parse(archivum(['search', '--db', 'batch.db', '--json', 'Malinovsky'], { cwd: work.dir }).stdout) as { total: number };
    assert.equal(found.total, 1);
  });

  it('prints what archives and files hold, never their control characters: an escape sequence in a title or a reason is not obeyed', () => {
    fs.mkdirSync(path.join(work.dir, 'escapes'));
    fs.writeFileSync(path.join(work.dir, 'escapes', 'note.txt'), 'Note \u001b]0;pwned\u0007\u001b[2J on Zanzibar\nText about Zanzibar.\n');
    fs.writeFileSync(path.join(work.dir, 'escapes', 'bad.md'), '---\ntitle: T\ndate: "1963\u001b[31m"\n---\nx\n');
    const ingest = archivum(['ingest', '--db', 'escapes.db', 'escapes'], { cwd: work.dir });
    assert.equal(ingest.code, 1, ingest.stderr);
    assert.match(ingest.stderr, /bad\.md: .*1963\ufffd\[31m/);
    const run = archivum(['search', '--db', 'escapes.db', 'Zanzibar'], { cwd: work.dir });
    assert.match(run.stdout, /Note \ufffd\]0;pwned\ufffd\ufffd\[2J on Zanzibar/);
    for (const out of [ingest.stderr, run.stdout]) assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(out), JSON.stringify(out));
  });

  it('search --json prints what /api/search answers, key for key', async () => {
    // An undated note without a type: the keys the contract lists are there all the same.
    fs.writeFileSync(path.join(work.dir, 'note.txt'), 'A note on Malinovsky\nMarshal Malinovsky, undated.\n');
    assert.equal(archivum(['ingest', '--db', 'shape.db', 'note.txt', path.join('batch', 'good.md')], { cwd: work.dir }).code, 0);
    const cli = JSON.parse(archivum(['search', '--db', 'shape.db', '--json', 'Malinovsky'], { cwd: work.dir }).stdout) as { hits: unknown[] };
    assert.equal(cli.hits.length, 2);
    const store = openSqliteStore(path.join(work.dir, 'shape.db'));
    try {
      const api = (await (await createApp({ store }).fetch(new Request('http://archive.test/api/search?q=Malinovsky'))).json()) as unknown;
      assert.deepEqual(cli, api);
    } finally {
      await store.close();
    }
  });

  it('takes --db before the command as well as after it', () => {
    const before = archivum(['--db', 'batch.db', 'search', '--json', 'Malinovsky'], { cwd: work.dir });
    assert.equal(before.code, 0, before.stderr);
    assert.equal((JSON.parse(before.stdout) as { total: number }).total, 1);
    const joined = archivum(['--db=batch.db', 'search', '--json', 'Malinovsky'], { cwd: work.dir });
    assert.equal((JSON.parse(joined.stdout) as { total: number }).total, 1);
  });

  it('an empty ARCHIVUM_DB counts as unset, and an empty --db is refused: the work never lands in a throwaway store', () => {
    const here = path.join(work.dir, 'empty-setting');
    fs.mkdirSync(here);
    fs.copyFileSync(path.join(work.dir, 'batch', 'good.md'), path.join(here, 'good.md'));
    const unset = archivum(['ingest', 'good.md'], { cwd: here, env: { ARCHIVUM_DB: '' } });
    assert.equal(unset.code, 0, unset.stderr);
    assert.ok(fs.existsSync(path.join(here, 'archivum.db')), 'the document went to ./archivum.db');
    for (const args of [['ingest', '--db', '', 'good.md'], ['ingest', '--db=', 'good.md'], ['--db', ' ', 'search', 'x']]) {
      const run = archivum(args, { cwd: here });
      assert.equal(run.code, 2, JSON.stringify(args));
      assert.match(run.stderr, /--db needs a value/);
    }
    const noCommand = archivum(['--db', 'batch.db'], { cwd: work.dir });
    assert.equal(noCommand.code, 2);
    assert.doesNotMatch(noCommand.stderr + noCommand.stdout, /unknown command/);
  });

  it('takes the store from ARCHIVUM_DB when --db is absent', () => {
    const run = archivum(['search', '--json', 'withdrawal'], { cwd: work.dir, env: { ARCHIVUM_DB: 'batch.db' } });
    assert.equal((JSON.parse(run.stdout) as { total: number }).total, 1);
  });

  it('exits 2 for a path that does not exist, or a malformed query, with the reason', () => {
    const missing = archivum(['ingest', '--db', 'batch.db', 'no-such-folder'], { cwd: work.dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no-such-folder/);
    const malformed = archivum(['search', '--db', 'batch.db', '"unbalanced'], { cwd: work.dir });
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /never closed/);
    assert.equal(archivum(['frobnicate'], { cwd: work.dir }).code, 2);
    // Nothing could be done: a folder with no files, or files that hold no records.
    fs.mkdirSync(path.join(work.dir, 'empty-folder'));
    const empty = archivum(['ingest', '--db', 'batch.db', 'empty-folder'], { cwd: work.dir });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /nothing to ingest: empty-folder holds no source files/);
    const wrongFormat = archivum(['ingest', '--db', 'batch.db', '--format', 'cmif', path.join('batch', 'good.md')], { cwd: work.dir });
    assert.equal(wrongFormat.code, 2, wrongFormat.stderr);
    assert.match(wrongFormat.stderr, /good\.md: not well-formed XML/);
    assert.equal(archivum(['ingest', '--no-such-flag', 'batch'], { cwd: work.dir }).code, 2);
  });

  it('finds the seed letter out of the box: archivum search Malinovsky', () => {
    const fresh = tempDir();
    try {
      const run = archivum(['search', 'Malinovsky'], { cwd: fresh.dir });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Letter from Khrushchev to Fidel Castro/);
      assert.ok(fs.existsSync(path.join(fresh.dir, 'archivum.db')));
    } finally {
      fresh.cleanup();
    }
  });

  it('exports JSON that re-ingests to the same archive', () => {
    const exported = archivum(['export', '--db', 'batch.db', '--format', 'json', 'out.json'], { cwd: work.dir });
    assert.equal(exported.code, 0, exported.stderr);
    const again = archivum(['ingest', '--db', 'copy.db', 'out.json'], { cwd: work.dir });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^ingested 1 new/m);
    const a = JSON.parse(archivum(['search', '--db', 'batch.db', '--json', ''], { cwd: work.dir }).stdout) as { hits: unknown[] };
    const b = JSON.parse(archivum(['search', '--db', 'copy.db', '--json', ''], { cwd: work.dir }).stdout) as { hits: unknown[] };
    assert.deepEqual(b.hits, a.hits);
    assert.equal(archivum(['export', '--db', 'batch.db', '--format', 'pdf', 'x'], { cwd: work.dir }).code, 2);
  });

  it('exports CSV, TEI and CMIF, each in one file, linking to --base-url', () => {
    for (const [format, file, looks] of [
      ['csv', 'out.csv', /^id,title,date,dateText,/],
      ['tei', 'out.tei.xml', /<teiCorpus xmlns="http:\/\/www\.tei-c\.org\/ns\/1\.0">/],
      ['cmif', 'out.cmif.xml', /<correspDesc ref="https:\/\/letters\.example\.org\/documents\/good"/],
    ] as const) {
      const run = archivum(['export', '--db', 'batch.db', '--format', format, '--base-url', 'https://letters.example.org', file], { cwd: work.dir });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^exported 1 (documents|letters) to ${file.replace(/\./g, '\\.')} in `, 'm'));
      const text = fs.readFileSync(path.join(work.dir, file), 'utf8');
      assert.match(text, looks);
      assert.ok(text.includes('https://letters.example.org/documents/good'), format);
    }
  });

  it('refuses an export it cannot write as asked, with exit code 2', () => {
    for (const args of [
      ['--format', 'pdf', 'x.pdf'],
      ['--format', 'csv', '--base-url', 'letters.example.org', 'x.csv'],
      ['--format', 'csv', '--editor', 'Ann', 'x.csv'],
      ['--format', 'cmif'],
      ['--format', 'cmif', '--editor', ' ', 'x.xml'],
      // The export replaces OUT when complete: OUT the archive itself would replace the archive.
      ['--format', 'csv', 'batch.db'],
      ['--format', 'json', './batch.db-wal'],
      ['--format', 'csv', path.join('no-such-folder', 'x.csv')],
      ['--format', 'csv', '.'],
    ]) {
      const run = archivum(['export', '--db', 'batch.db', ...args], { cwd: work.dir });
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /format|base-url|editor|output file|the archive itself|does not exist|not a file/, args.join(' '));
    }
    assert.ok(!fs.existsSync(path.join(work.dir, 'x.csv')));
    const search = archivum(['search', '--db', 'batch.db', 'Malinovsky'], { cwd: work.dir });
    assert.equal(search.code, 0, 'the archive is still an archive');
    assert.match(search.stdout, /A good letter about Malinovsky/);
  });

  it('says where the links of an export point when no --base-url is given', () => {
    const run = archivum(['export', '--db', 'batch.db', '--format', 'CSV', 'default.csv'], { cwd: work.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /links in default\.csv point to http:\/\/localhost:8080; give --base-url/);
    assert.match(fs.readFileSync(path.join(work.dir, 'default.csv'), 'utf8'), /http:\/\/localhost:8080\/documents\/good/);
  });
});

describe('an archive written by an older Archivum', () => {
  it('is upgraded on open, and the command says so on stderr once', async () => {
    const work = tempDir();
    try {
      const file = path.join(work.dir, 'old.db');
      const store = openSqliteStore(file);
      await store.upsertRecords([
        buildIngestRecord({ id: 'one', title: 'Telegram', text: 'The Ambassador called on the Minister.' }),
        buildIngestRecord({ id: 'two', title: 'Memorandum', text: 'The Minister replied.' }),
      ]);
      store.db.exec('ALTER TABLE collections DROP COLUMN sections');
      store.db.pragma('user_version = 8');
      await store.close();
      const first = archivum(['search', '--db', 'old.db', '--json', 'ambassador'], { cwd: work.dir });
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stderr, /^upgraded old\.db to schema \d+: indexed 2 documents again in \d+\.\d s\n$/);
      assert.deepEqual((JSON.parse(first.stdout) as { hits: { id: string }[] }).hits.map((h) => h.id), ['one']);
      const again = archivum(['search', '--db', 'old.db', '--json', 'ambassador'], { cwd: work.dir });
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stderr, '');
    } finally {
      work.cleanup();
    }
  });
});
