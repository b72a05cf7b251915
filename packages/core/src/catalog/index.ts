export * from './definition.js';
export * from './parse.js';
