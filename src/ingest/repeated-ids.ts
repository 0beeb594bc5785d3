/**
 * The first record of each id in one file. A later record with the same id would replace the
 * first when stored, so it is refused instead, naming where the first one is.
 */
export class RepeatedIds {
  private readonly first = new Map<string, string>();

  /** Why a record with `id` at `where` ("row 9") cannot be read, or null (then it is remembered). */
  refusal(id: string, where: string, advice: string): string | null {
    const first = this.first.get(id);
    if (first !== undefined) return `id "${id}" is already used by ${first} of this file; ${advice}`;
    this.first.set(id, where);
    return null;
  }
}
