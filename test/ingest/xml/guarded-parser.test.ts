import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cmifFormat } from '../../../src/ingest/cmif/index.js';
import { MAX_ELEMENTS_PER_RECORD, SourceFileError, type RecordOutcome } from '../../../src/ingest/format.js';
import { parseFrusStream } from '../../../src/ingest/tei-frus/index.js';
import { MAX_ELEMENT_DEPTH } from '../../../src/ingest/xml/index.js';

const CMIF_FIXTURES = fileURLToPath(new URL('../../fixtures/cmif/', import.meta.url));

function volume(...documents: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus9999v02"><teiHeader><fileDesc><titleStmt><title type="complete">Test</title></titleStmt>
<publicationStmt><idno type="frus">frus9999v02</idno></publicationStmt></fileDesc></teiHeader>
<text><body><div type="compilation" xml:id="c1"><head>C</head>
${documents.map((inner, i) => `<div type="document" xml:id="d${i + 1}" n="${i + 1}"><head>${i + 1}. Memorandum</head>${inner}</div>`).join('\n')}
</div></body></text></TEI>`;
}

const nested = (depth: number): string => '<div>'.repeat(depth) + '<p>deep inside</p>' + '</div>'.repeat(depth);

async function* chunks(xml: string): AsyncGenerator<string> {
  yield xml;
}

async function readVolume(xml: string): Promise<{ outcomes: RecordOutcome[]; error?: unknown }> {
  const outcomes: RecordOutcome[] = [];
  try {
    for await (const o of parseFrusStream(chunks(xml), 'deep.xml')) outcomes.push(o);
    return { outcomes };
  } catch (error) {
    return { outcomes, error };
  }
}

describe('XML limits', () => {
  // 100,000 levels once took saxes minutes (its namespace lookup walks every open ancestor);
  // the test's timeout catches a return of that, the assertions the refusal.
  it('refuses a FRUS volume nesting 100,000 levels, keeping the documents before it', { timeout: 30_000 }, async () => {
    const { outcomes, error } = await readVolume(volume('<p>before</p>', nested(100_000), '<p>after</p>'));
    assert.ok(error instanceof SourceFileError, `expected a SourceFileError, got ${String(error)}`);
    assert.equal(error.file, 'deep.xml');
    assert.match(error.message, new RegExp(`line \\d+: elements nest more than ${MAX_ELEMENT_DEPTH} levels deep`));
    assert.deepEqual(outcomes.map((o) => o.ok && o.record.document.id), ['frus9999v02-d1']);
  });

  it('reads nesting well beyond real editions (200 levels) as usual', async () => {
    const { outcomes, error } = await readVolume(volume('<p>before</p>', nested(200), '<p>after</p>'));
    assert.equal(error, undefined);
    assert.equal(outcomes.length, 3);
    const deep = outcomes[1]!;
    assert.ok(deep.ok);
    assert.match(deep.record.document.text ?? '', /deep inside/);
  });

  it('refuses a CMIF file nesting too deep, naming the file', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-deep-'));
    const path = join(dir, 'deep-cmif.xml');
    const small = readFileSync(join(CMIF_FIXTURES, 'small.xml'), 'utf8');
    writeFileSync(path, small.replace('</correspDesc>', `<note>${'<ref>'.repeat(50_000)}x${'</ref>'.repeat(50_000)}</note></correspDesc>`));
    await assert.rejects(
      async () => {
        for await (const _ of cmifFormat.read(path, {})) void _;
      },
      (error: unknown) => error instanceof SourceFileError && error.file === path && /nest more than \d+ levels deep/.test(error.message),
    );
  });

  it('refuses a FRUS document of more elements than a record may hold, and reads on', { timeout: 30_000 }, async () => {
    const { outcomes, error } = await readVolume(volume('<p>before</p>', '<p>x</p>'.repeat(MAX_ELEMENTS_PER_RECORD + 10), '<p>after</p>'));
    assert.equal(error, undefined);
    assert.deepEqual(
      outcomes.map((o) => (o.ok ? o.record.document.id : `${o.label}: ${o.reason}`)),
      ['frus9999v02-d1', 'frus9999v02-d2: the document holds more than 50,000 elements; refused (the largest FRUS document holds under 2,000)', 'frus9999v02-d3'],
    );
  });

  it('reads a FRUS document of exactly as many elements as a record may hold', { timeout: 30_000 }, async () => {
    // The document's div and head count too.
    const { outcomes, error } = await readVolume(volume('<p>before</p>', '<p>x</p>'.repeat(MAX_ELEMENTS_PER_RECORD - 2)));
    assert.equal(error, undefined);
    assert.deepEqual(outcomes.map((o) => o.ok), [true, true]);
    assert.equal(outcomes[1]!.ok && outcomes[1]!.record.document.body?.length, MAX_ELEMENTS_PER_RECORD - 2);
  });

  it('refuses a CMIF letter of more elements than a record may hold, naming its line', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-wide-'));
    const path = join(dir, 'wide-cmif.xml');
    const small = readFileSync(join(CMIF_FIXTURES, 'small.xml'), 'utf8');
    writeFileSync(path, small.replace('</correspDesc>', `<note>${'<ref>x</ref>'.repeat(MAX_ELEMENTS_PER_RECORD)}</note></correspDesc>`));
    await assert.rejects(
      async () => {
        for await (const _ of cmifFormat.read(path, {})) void _;
      },
      (error: unknown) => error instanceof SourceFileError && /line \d+: the <correspDesc> from line \d+ holds more than 50,000 elements/.test(error.message),
    );
  });
});
