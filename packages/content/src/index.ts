export * from './errors.ts';
export * from './front-matter.ts';
export * from './markdown.ts';
export * from './formats.ts';
export * from './load.ts';
export * from './build-files.ts';
export * from './catalogue.ts';
