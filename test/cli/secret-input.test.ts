import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { HiddenPrompt, readPipedLine } from '../../src/cli/secret-input.js';

/** A terminal in a test: a stream that records whether raw mode is on. */
function fakeTerminal() {
  const stream = new PassThrough() as PassThrough & { setRawMode(mode: boolean): unknown; raw: boolean };
  stream.raw = false;
  stream.setRawMode = (mode: boolean) => (stream.raw = mode);
  const shown = new PassThrough();
  let echoed = '';
  shown.on('data', (d: Buffer) => (echoed += d.toString()));
  return { terminal: stream as unknown as NodeJS.ReadStream & { setRawMode(mode: boolean): unknown }, stream, shown, echoed: () => echoed };
}

describe('reading a password', () => {
  it('takes the first piped line whole, a character split across chunks included', async () => {
    const input = new PassThrough();
    const line = readPipedLine(input);
    const bytes = Buffer.from(' pässwort 99 \r\nrest\n', 'utf8');
    input.write(bytes.subarray(0, 2));
    input.write(bytes.subarray(2));
    input.end();
    assert.equal(await line, ' pässwort 99 ');
    const unterminated = new PassThrough();
    const last = readPipedLine(unterminated);
    unterminated.end(Buffer.from('no line end é', 'utf8'));
    assert.equal(await last, 'no line end é');
  });

  it('asks with the typing hidden, keeps what was pasted after Enter for the next question, drops escape sequences', async () => {
    const t = fakeTerminal();
    const prompt = new HiddenPrompt(t.terminal, t.shown);
    const first = prompt.ask('Password: ');
    assert.equal(t.stream.raw, true);
    t.stream.write('sec\u001b[Dret\u007fT\rsecreT\r');
    assert.equal(await first, 'secreT');
    assert.equal(t.stream.raw, false, 'the terminal is given back after each answer');
    assert.equal(await prompt.ask('Again: '), 'secreT');
    assert.equal(t.echoed(), 'Password: \nAgain: \n', 'nothing typed is shown');
  });

  it('gives up on Ctrl-C, and when the terminal closes, with the terminal given back', async () => {
    const t = fakeTerminal();
    const cancelled = new HiddenPrompt(t.terminal, t.shown).ask('Password: ');
    t.stream.write('abc\u0003');
    await assert.rejects(cancelled, /cancelled/);
    assert.equal(t.stream.raw, false);
    const u = fakeTerminal();
    const closed = new HiddenPrompt(u.terminal, u.shown).ask('Password: ');
    u.stream.end('abc');
    await assert.rejects(closed, /closed/);
    assert.equal(u.stream.raw, false);
  });
});
