export * from './body.js';
export * from './dates.js';
export * from './document.js';
export * from './entities.js';
export * from './ids.js';
export * from './input.js';
export * from './languages.js';
export * from './trim.js';
