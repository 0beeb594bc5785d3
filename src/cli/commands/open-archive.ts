import { openStore } from '../../store/open.js';
import type { ArchiveStore } from '../../store/types.js';
import { type CountProgress, createCountProgress, silentCountProgress } from '../progress.js';
import { describeStore } from './store-names.js';

/**
 * Opens the archive a command works on. An archive written by an older Archivum is upgraded on
 * open; when that derives the search index of every document again (minutes for a large
 * archive), the terminal shows its progress and stderr gets one line when it is done, so a
 * command that seems to wait says why.
 */
export async function openArchive(setting: string, stream: NodeJS.WriteStream = process.stderr): Promise<ArchiveStore> {
  const started = performance.now();
  let progress: CountProgress = silentCountProgress;
  let documents = 0;
  let store: ArchiveStore;
  try {
    store = await openStore(setting, {
      onTotal: (n) => {
        progress.finish();
        documents = n;
        if (n > 0) progress = createCountProgress('upgrading the archive: indexing', n, stream);
      },
      onDocument: () => progress.tick(),
    });
  } finally {
    progress.finish();
  }
  if (documents > 0) {
    const seconds = (performance.now() - started) / 1000;
    stream.write(`upgraded ${describeStore(setting)} to schema ${store.schemaVersion}: indexed ${documents.toLocaleString('en-US')} documents again in ${seconds.toFixed(1)} s\n`);
  }
  return store;
}
