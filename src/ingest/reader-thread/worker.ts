import { stat } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { RecordOutcome } from '../format.js';
import { errorMessage } from '../files.js';
import { registeredFormats } from '../registry.js';
import { documentJson } from '../../store/document-json.js';
import type { ReaderThreadData, ReaderThreadMessage, SentOutcome } from './messages.js';

// Outcomes per message, and messages sent but not yet taken: past that the thread waits, so
// memory stays bounded when reading outruns writing.
const BATCH_OUTCOMES = 64;
const MAX_IN_FLIGHT = 6;

const port = parentPort;
if (port) {
  const { jobs, readOptions, formatOptions, maxFileBytes } = workerData as ReaderThreadData;
  const formats = registeredFormats(formatOptions);
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    inFlight--;
    const resolve = wake;
    wake = null;
    resolve?.();
  });

  const post = async (message: ReaderThreadMessage): Promise<void> => {
    if ('outcomes' in message) {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
      inFlight++;
    }
    port.postMessage(message);
  };

  const readJob = async (job: number): Promise<void> => {
    const { path, formatIndex } = jobs[job]!;
    // Sized when it is read, not when the files were listed, since it may have grown since. A
    // file that cannot be sized is left to its reader, which says why it cannot be read.
    const size = formats[formatIndex]!.streams ? 0 : await stat(path).then((info) => info.size, () => 0);
    if (size > maxFileBytes) {
      await post({ job, declined: true });
      return;
    }
    let batch: SentOutcome[] = [];
    const send = async (): Promise<void> => {
      if (batch.length === 0) return;
      const outcomes = batch;
      batch = [];
      await post({ job, outcomes });
    };
    try {
      const format = formats[formatIndex];
      if (!format) throw new Error(`no format number ${formatIndex}`);
      for await (const outcome of format.read(path, readOptions)) {
        // Serialized at once: the outcome's object tree dies young instead of being copied by
        // every collection until its batch is sent.
        batch.push(sentOutcome(outcome));
        if (batch.length >= BATCH_OUTCOMES) await send();
      }
      await send();
      await post({ job, done: true });
    } catch (error) {
      await send();
      await post({ job, error: errorMessage(error) });
    }
  };

  const sentOutcome = (outcome: RecordOutcome): SentOutcome => {
    if (!outcome.ok) return { ok: false, outcome: JSON.stringify(outcome) };
    const { document, ...rest } = outcome.record;
    return { ok: true, outcome: JSON.stringify({ ...outcome, record: rest }), document: documentJson(document) };
  };

  void (async () => {
    for (let job = 0; job < jobs.length; job++) await readJob(job);
  })();
}
