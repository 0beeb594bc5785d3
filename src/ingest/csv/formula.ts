/**
 * A spreadsheet runs a cell that starts with `=`, `+`, `@` or `-` as a formula
 * (`=HYPERLINK(…)` in a title would be a link the archive never made). The CSV export writes
 * such a value after a `'`, which spreadsheets show as text, and the CSV importer takes one `'`
 * off again. A value that already starts with quote marks before such a character gets one more,
 * so every value reads back as written. A value of digits and date marks only (a negative year,
 * `-0044-03-15`) can at most be computed as arithmetic, never call a function: it is left alone,
 * so dates stay dates.
 */
const FORMULA_START = /^'*(?:[=+@\t\r]|-(?![\d.\-/?~%X]*$))/;

export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
