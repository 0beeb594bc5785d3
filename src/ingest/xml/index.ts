export * from './parse.js';
export * from './sniff.js';
export * from './tei-date.js';
export * from './tree.js';
export * from './utf8-stream.js';
export * from './licence.js';
export * from './guarded-parser.js';
