export * from './actions.js';
export * from './machine.js';
export * from './states.js';
