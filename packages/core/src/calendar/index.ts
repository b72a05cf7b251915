export * from './days.js';
export * from './deadline.js';
export * from './errors.js';
export * from './lunar.js';
export * from './provisional.js';
export * from './work-calendar.js';
