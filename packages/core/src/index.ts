export * from './calendar/index.js';
export * from './catalog/index.js';
export * from './codes/index.js';
export * from './feedback/index.js';
export * from './indicators/index.js';
export * from './lifecycle/index.js';
export * from './org/index.js';
export * from './workflow/index.js';
