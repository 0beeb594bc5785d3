import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasEmptyBody, isAllXmlProlog } from '../../../src/ingest/xml/sniff.js';

describe('isAllXmlProlog: whether the first bytes of a file end before its root element', () => {
  it('sees the root after a declaration, comments and a DOCTYPE', () => {
    assert.equal(isAllXmlProlog('<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'), false);
    assert.equal(isAllXmlProlog('\uFEFF<?xml version="1.0"?><!-- licence --><!DOCTYPE TEI [ <!ATTLIST p a CDATA "<b>]</b>"> ]><TEI>'), false);
    assert.equal(isAllXmlProlog('plain text'), false);
    assert.equal(isAllXmlProlog('   '), false);
  });

  it('says so when the head ends inside the prolog', () => {
    assert.equal(isAllXmlProlog('<?xml version="1.0"?>\n<!-- a licence that goes on'), true);
    assert.equal(isAllXmlProlog('\uFEFF<?xml version="1.0"?>\n<!DOCTYPE TEI [ <!-- it\'s --> <!ATTLIST p a CDATA "<p>"> '), true);
    // A processing instruction in the subset may hold "]" or a lone quote.
    assert.equal(isAllXmlProlog('<!DOCTYPE TEI [ <?pi ]> it\'s ?> <!-- more'), true);
    assert.equal(isAllXmlProlog('<?xml version="1.0"?><!-- done -->   '), true);
  });

  it('takes one pass over a hostile head', () => {
    // Each of these would cost a rescan per opener in a pattern that restarts: checked by size, not time.
    assert.equal(isAllXmlProlog('<?'.repeat(40_000)), true);
    assert.equal(isAllXmlProlog(`<!DOCTYPE [${'<!--'.repeat(20_000)}`), true);
    assert.equal(isAllXmlProlog(`${'<!---->'.repeat(20_000)}<TEI>`), false);
  });
});

describe('hasEmptyBody (CMIF, which describes letters, against a letter with its text)', () => {
  it('counts empty paragraphs with attributes, and a file with no body, as no text', () => {
    assert.equal(hasEmptyBody('<text><body><p/></body></text></TEI>'), true);
    assert.equal(hasEmptyBody('<text><body>\n  <p xml:lang="de"/>\n</body></text></TEI>'), true);
    assert.equal(hasEmptyBody('<text><body><p rend="x"></p><!-- none --></body></text></TEI>'), true);
    assert.equal(hasEmptyBody('</correspDesc></profileDesc></teiHeader></TEI>'), true);
    assert.equal(hasEmptyBody('<person xml:id="pmb1"/></listPerson></back></text></TEI>'), false, 'back matter after a body');
    assert.equal(hasEmptyBody('<text><body><p xml:lang="de">Lieber Freund</p></body></text></TEI>'), false);
    assert.equal(hasEmptyBody('Freund.</p></div></body></text></TEI>'), false);
  });
});
