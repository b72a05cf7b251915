export * from './templates.js';
export * from './types.js';
export * from './validate.js';
export * from './route.js';
