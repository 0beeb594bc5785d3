// Builds a synthetic FRUS volume ten times the size of a real one, deterministically: the body is
// repeated with every xml:id and internal reference suffixed (-r2 … -r10), so each copy is a new
// set of documents with the same text, structure and markup.
import { readFileSync, writeFileSync } from 'node:fs';

export function tenfoldVolume(source, target, copies = 10) {
  const xml = readFileSync(source, 'utf8');
  const open = xml.indexOf('<body>');
  const close = xml.lastIndexOf('</body>');
  if (open < 0 || close < 0) throw new Error(`${source}: no <body>`);
  const head = xml.slice(0, open + '<body>'.length);
  const body = xml.slice(open + '<body>'.length, close);
  const tail = xml.slice(close);
  const parts = [head, body];
  for (let k = 2; k <= copies; k++) {
    parts.push(
      body
        .replace(/xml:id="([^"]+)"/g, `xml:id="$1-r${k}"`)
        .replace(/target="#([^"]+)"/g, `target="#$1-r${k}"`),
    );
  }
  parts.push(tail);
  writeFileSync(target, parts.join(''));
}
