export * from './agency-identifier.js';
