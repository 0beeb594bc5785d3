import { parentPort } from 'node:worker_threads';
import { extractPdfText } from './extract.js';
import type { PdfReply, PdfRequest } from './text.js';

// pdf.js leaves some of its own promises unhandled when a file is damaged ("End of file inside
// dictionary"), while the request that met the damage fails as it should. Here they end nothing.
process.on('unhandledRejection', () => undefined);

// pdf.js is loaded (the imports above): what the thread holds from here on is the files' doing.
parentPort!.postMessage({ ready: true } satisfies PdfReply);

parentPort!.on('message', (request: PdfRequest) => {
  extractPdfText(request.path, request.length).then(
    (pdf) => parentPort!.postMessage({ id: request.id, ok: true, pdf } satisfies PdfReply),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      parentPort!.postMessage({ id: request.id, ok: false, name, message } satisfies PdfReply);
    },
  );
});
