export * from './agency-identifier.js';
export * from './dossier-code.js';
