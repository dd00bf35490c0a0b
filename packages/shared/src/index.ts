export * from './version.ts';
export * from './doc-names.ts';
export * from './protocol.ts';
export * from './api.ts';
export * from './notes-doc.ts';
export * from './catalogue.ts';
export * from './resources-api.ts';
