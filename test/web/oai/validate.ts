import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMAS = fileURLToPath(new URL('../../../../shared/schemas/oai-pmh/', import.meta.url));

/**
 * What xmllint finds wrong with an OAI-PMH response, checked against the official schemas with
 * their payload schemas (../shared/schemas/README.md): [] when it is valid.
 */
export function oaiSchemaProblems(xml: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'archivum-oai-'));
  try {
    const file = join(dir, 'response.xml');
    writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--nonet', '--noout', '--schema', join(SCHEMAS, 'oai-pmh-validate.xsd'), file], {
      env: { ...process.env, XML_CATALOG_FILES: join(SCHEMAS, 'catalog.xml') },
      encoding: 'utf8',
    });
    if (run.error) throw run.error;
    if (run.status === 0) return [];
    return run.stderr.split('\n').filter((line) => line && !/validates$/.test(line));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
