export * from './counters.js';
export * from './facts.js';
export * from './metrics.js';
export * from './period.js';
export * from './ratio.js';
export * from './report.js';
export * from './score.js';
export * from './timeliness.js';
