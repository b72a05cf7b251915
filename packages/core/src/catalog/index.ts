export * from './parse.js';
export * from './definition.js';
