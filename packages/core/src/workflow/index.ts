export * from './route.js';
export * from './templates.js';
export * from './types.js';
export * from './validate.js';
