export * from './deadlines.js';
export * from './machine.js';
export * from './metrics.js';
