import { WRITTEN_AS } from './body.js';

/**
 * A quick test of a body in the shape the input schema (input.ts) gives it: true only when
 * every node is a plain object with exactly the keys of its kind, in the order of the schema,
 * with values the schema accepts. Such a body (of data properties, as JSON and the readers build
 * it) passes the schema unchanged, so validation can take it as it is;
 * anything else, true or not, goes through the schema, which says what is wrong and where, or
 * rebuilds the node. Validating FRUS bodies node by node through the schema took about an eighth
 * of reading the volumes (bench/RESULTS.md).
 */
export function isCheckedBody(blocks: unknown): boolean {
  return isArrayOf(blocks, isBlock);
}

/** Whether every footnote given as an object has a body in the schema's shape, or none (strings and others are left to the schema). */
export function isCheckedFootnoteBodies(footnotes: unknown[]): boolean {
  return footnotes.every((f) => typeof f !== 'object' || f === null || !('body' in f) || isCheckedInlines((f as { body: unknown }).body));
}

/** The same test for a list of inlines (a footnote's body). */
export function isCheckedInlines(inlines: unknown): boolean {
  return isArrayOf(inlines, isInline);
}

type Check = (value: unknown) => boolean;
/** A kind's keys in the schema's order: name, whether it may be left out, and its test. */
type Shape = readonly (readonly [key: string, optional: boolean, check: Check])[];

const isString: Check = (v) => typeof v === 'string';
const isBoolean: Check = (v) => typeof v === 'boolean';
const oneOf =
  (values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const inlines: Check = (v) => isArrayOf(v, isInline);
const blocks: Check = (v) => isArrayOf(v, isBlock);

const MARKS = ['em', 'strong', 'sup', 'sub', 'smallcaps', 'underline', 'supplied', 'del', 'add'] as const;
const pageBreak: Shape = [
  ['n', true, isString],
  ['facs', true, isString],
];

const INLINE_SHAPES: Record<string, Shape> = {
  ...Object.fromEntries(MARKS.map((kind) => [kind, [['children', false, inlines]] as Shape])),
  written: [
    ['as', false, oneOf(WRITTEN_AS)],
    ['children', false, inlines],
  ],
  noteRef: [['n', false, isString]],
  abbr: [
    ['expansion', false, isString],
    ['children', false, inlines],
  ],
  link: [
    ['href', false, isString],
    ['children', false, inlines],
  ],
  docRef: [
    ['id', false, isString],
    ['href', true, isString],
    ['fill', true, oneOf(['title', 'date'])],
    ['children', false, inlines],
  ],
  entity: [
    ['type', false, oneOf(['person', 'place', 'topic'])],
    ['id', false, isString],
    ['children', false, inlines],
  ],
  lb: [],
  pb: pageBreak,
};

const CELL: Shape = [
  ['children', false, inlines],
  ['header', true, isBoolean],
  // zod's int() takes safe integers only.
  ['colspan', true, (v) => Number.isSafeInteger(v) && (v as number) > 0],
  ['rowspan', true, (v) => Number.isSafeInteger(v) && (v as number) > 0],
];

const BLOCK_SHAPES: Record<string, Shape> = {
  p: [
    ['children', false, inlines],
    ['rend', true, isString],
  ],
  heading: [
    ['level', false, oneOf([2, 3, 4])],
    ['children', false, inlines],
  ],
  list: [
    ['ordered', false, isBoolean],
    ['start', true, (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 999_999_999],
    ['items', false, (v) => isArrayOf(v, blocks)],
  ],
  table: [['rows', false, (v) => isArrayOf(v, (row) => isArrayOf(row, (cell) => fits(cell, CELL)))]],
  quote: [['children', false, blocks]],
  closer: [['children', false, blocks]],
  attachment: [
    ['title', true, inlines],
    ['children', false, blocks],
  ],
  pb: pageBreak,
};

function isInline(node: unknown): boolean {
  return typeof node === 'string' || isNode(node, INLINE_SHAPES);
}

function isBlock(node: unknown): boolean {
  return isNode(node, BLOCK_SHAPES);
}

/** `kind` first, then the keys of that kind. */
function isNode(node: unknown, shapes: Record<string, Shape>): boolean {
  if (!isPlainObject(node)) return false;
  const kind = node.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(shapes, kind)) return false;
  return fits(node, shapes[kind]!, 1, 'kind');
}

/**
 * Whether the object's own keys, from the `skip`th on, are the shape's, in order, each value
 * passing its test. Non-enumerable keys count too: the schema reads them, JSON does not.
 */
function fits(value: unknown, shape: Shape, skip = 0, first?: string): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.getOwnPropertyNames(value);
  if (first !== undefined && keys[0] !== first) return false;
  let k = skip;
  for (const [key, optional, check] of shape) {
    if (keys[k] === key) {
      if (!check(value[key])) return false;
      k++;
    } else if (!optional) return false;
  }
  return k === keys.length;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.getPrototypeOf(value) === Object.prototype;
}

function isArrayOf(value: unknown, check: Check): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!check(item)) return false;
  return true;
}
