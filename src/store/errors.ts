/** A record that cannot be stored as it stands (an id taken by another source, an unknown reference). */
export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}
