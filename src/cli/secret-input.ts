/**
 * Reading a password without it ever being an argument (where `ps` and shell history would show
 * it): typed at a prompt that does not echo it, or piped on standard input.
 */

/** The first line of standard input when it is not a terminal (`printf '%s\n' "$PW" | archivum user add …`). */
export async function readPipedLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    const end = text.search(/\r?\n/);
    if (end >= 0) return text.slice(0, end);
    // Nobody pipes a password of megabytes: stop reading rather than hold it all.
    if (text.length > 65_536) break;
  }
  return text.replace(/\r$/, '');
}

/** Asks on the terminal with the typing hidden; rejects when the user presses Ctrl-C or Ctrl-D. */
export function promptHidden(prompt: string, terminal: NodeJS.ReadStream & { setRawMode(mode: boolean): unknown }, echo: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    echo.write(prompt);
    let typed = '';
    terminal.setRawMode(true);
    terminal.resume();
    terminal.setEncoding('utf8');
    const finish = (error?: Error) => {
      terminal.setRawMode(false);
      terminal.pause();
      terminal.removeListener('data', onData);
      echo.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    terminal.on('data', onData);
  });
}
