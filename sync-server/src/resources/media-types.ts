/**
 * The file types the learning repository accepts, chosen by file extension. SVG is refused: it can carry scripts
 * that would run on the server's origin when opened directly.
 */
export interface AllowedType {
  mediaType: string;
  /** Whether a browser shows it in place (`inline`) or saves it (`attachment`) when opened. */
  disposition: 'inline' | 'attachment';
  /** The file's leading bytes, where the format has a fixed signature; uploads that do not start so are refused. */
  signature?: (head: Uint8Array) => boolean;
}

const startsWith =
  (...bytes: number[]) =>
  (head: Uint8Array) =>
    bytes.every((byte, i) => head[i] === byte);
const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));
const zip = startsWith(0x50, 0x4b, 0x03, 0x04);

const ALLOWED_TYPES: Readonly<Record<string, AllowedType>> = {
  pdf: { mediaType: 'application/pdf', disposition: 'inline', signature: startsWith(...ascii('%PDF-')) },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    disposition: 'attachment',
    signature: zip
  },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    disposition: 'attachment',
    signature: zip
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    disposition: 'attachment',
    signature: zip
  },
  png: {
    mediaType: 'image/png',
    disposition: 'inline',
    signature: startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)
  },
  jpg: { mediaType: 'image/jpeg', disposition: 'inline', signature: startsWith(0xff, 0xd8, 0xff) },
  jpeg: { mediaType: 'image/jpeg', disposition: 'inline', signature: startsWith(0xff, 0xd8, 0xff) },
  webp: {
    mediaType: 'image/webp',
    disposition: 'inline',
    signature: (head) => startsWith(...ascii('RIFF'))(head) && startsWith(...ascii('WEBP'))(head.subarray(8))
  },
  mp3: { mediaType: 'audio/mpeg', disposition: 'inline' },
  m4a: { mediaType: 'audio/mp4', disposition: 'inline' },
  mp4: { mediaType: 'video/mp4', disposition: 'inline' },
  ogg: { mediaType: 'audio/ogg', disposition: 'inline', signature: startsWith(...ascii('OggS')) },
  webm: { mediaType: 'video/webm', disposition: 'inline', signature: startsWith(0x1a, 0x45, 0xdf, 0xa3) },
  md: { mediaType: 'text/markdown', disposition: 'inline' },
  txt: { mediaType: 'text/plain', disposition: 'inline' }
};

/** The extensions accepted for upload, for error messages. */
export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED_TYPES);

/** A plain file name: no directories, no leading dot, an extension. Nothing in it can climb out of a folder. */
export const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

/** The allowed type of a file name, or null. */
export function allowedTypeOf(name: string): AllowedType | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return ALLOWED_TYPES[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** How a stored file is opened: by its extension when known, else as a download. */
export function dispositionOf(name: string): 'inline' | 'attachment' {
  return allowedTypeOf(name)?.disposition ?? 'attachment';
}

/** The `Content-Type` header of a media type: text gets its charset. */
export function contentTypeHeader(mediaType: string): string {
  return mediaType.startsWith('text/') ? `${mediaType}; charset=utf-8` : mediaType;
}
