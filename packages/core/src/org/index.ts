export * from './password-policy.js';
export * from './roles.js';
export * from './scope.js';
