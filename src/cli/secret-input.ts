import { StringDecoder } from 'node:string_decoder';
/**
 * Reading a password without it ever being an argument (where `ps` and shell history would show
 * it): typed at a prompt that does not echo it, or piped on standard input.
 */

/** The first line of standard input when it is not a terminal (`printf '%s\n' "$PW" | archivum user add …`). */
export async function readPipedLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  // A character may arrive split across two chunks: the decoder keeps its first bytes until the rest come.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    const end = text.search(/\r?\n/);
    if (end >= 0) return text.slice(0, end);
    // Nobody pipes a password of megabytes: stop reading rather than hold it all.
    if (text.length > 65_536) break;
  }
  return (text + decoder.end()).replace(/\r$/, '');
}

/**
 * Asks on the terminal with the typing hidden, one answer per call. What is typed (or pasted)
 * after an Enter is kept for the next question; arrow keys and other escape sequences are not
 * part of a password. Rejects on Ctrl-C or Ctrl-D, or when the terminal closes.
 */
export class HiddenPrompt {
  private pending = '';

  constructor(
    private readonly terminal: NodeJS.ReadStream & { setRawMode(mode: boolean): unknown },
    private readonly echo: NodeJS.WritableStream,
  ) {}

  ask(prompt: string): Promise<string> {
    const { terminal, echo } = this;
    return new Promise((resolve, reject) => {
      echo.write(prompt);
      let typed = '';
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        terminal.removeListener('data', onData);
        terminal.removeListener('end', onEnd);
        terminal.removeListener('error', onError);
        terminal.setRawMode(false);
        terminal.pause();
        echo.write('\n');
        if (error) reject(error);
        else resolve(typed);
      };
      const take = (text: string) => {
        // Escape sequences (arrows, Home, function keys): CSI or SS3, then their final letter.
        const input = text.replace(/\u001b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?/g, '');
        for (let i = 0; i < input.length; i++) {
          const ch = input[i]!;
          if (ch === '\r' || ch === '\n') {
            this.pending = input.slice(i + (ch === '\r' && input[i + 1] === '\n' ? 2 : 1));
            return finish();
          }
          if (ch === '\u0003' || ch === '\u0004') return finish(new Error('cancelled'));
          if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
          else if (ch >= ' ') typed += ch;
        }
      };
      const onData = (chunk: string | Buffer) => take(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      const onEnd = () => finish(new Error('the terminal closed'));
      const onError = (error: Error) => finish(error);
      terminal.setRawMode(true);
      terminal.setEncoding('utf8');
      terminal.on('data', onData);
      terminal.once('end', onEnd);
      terminal.once('error', onError);
      const earlier = this.pending;
      this.pending = '';
      if (earlier) take(earlier);
      if (!settled) terminal.resume();
    });
  }
}
