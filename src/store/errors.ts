/** A record that cannot be stored as it stands (an id taken by another source, an unknown reference). */
export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

/** `migrate` into a store that already holds something: nothing is written. */
export class StoreNotEmptyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreNotEmptyError';
  }
}

/** A file given to `restore` that is not an Archivum backup this version can read. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/** A copy whose counts or checksum differ from its source's. */
export class ChecksumMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChecksumMismatchError';
  }
}
