import type { Resource, ResourceType } from '@mop/shared';

export type FileFormat = 'md' | 'pdf' | 'docx' | 'pptx';

export const MEDIA_TYPES: Readonly<Record<FileFormat, string>> = {
  md: 'text/markdown',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
};

/** Which printable formats each type gets, besides the Markdown source every resource with a body has. */
const PRINTABLE: Readonly<Record<ResourceType, FileFormat[]>> = {
  guide: ['pdf', 'docx'],
  worksheet: ['pdf', 'docx'],
  'reflection-exercise': ['pdf', 'docx'],
  'slide-deck': ['pptx', 'pdf'],
  'video-link': [],
  page: []
};

export interface PlannedFile {
  name: string;
  format: FileFormat;
  mediaType: string;
}

/**
 * The files the builder generates for a resource, in the order they are listed in the catalogue: the printable
 * versions first, then the Markdown source.
 *
 * @param resource a resource from the library
 */
export function plannedFiles(resource: Pick<Resource, 'id' | 'type' | 'body'>): PlannedFile[] {
  const formats: FileFormat[] = [...PRINTABLE[resource.type]];
  if ((resource.body ?? '').trim() !== '') formats.push('md');
  return formats.map((format) => ({ name: `${resource.id}.${format}`, format, mediaType: MEDIA_TYPES[format] }));
}
