/**
 * Content types for attachments: guess one from the filename (content-type.ts
 * parses one the caller gives).
 *
 * A small table of the types people actually attach to mail, rather than the
 * `mime-types` package: that package requires node's `path` (this module must
 * run on serverless runtimes) and ships the whole ~200 KB mime-db. Anything
 * not in the table is `application/octet-stream`, which is always correct.
 */

/** The fallback content type. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream'

const TYPES: Readonly<Record<string, string>> = {
  // text
  txt: 'text/plain', text: 'text/plain', log: 'text/plain', md: 'text/markdown', csv: 'text/csv',
  tsv: 'text/tab-separated-values', html: 'text/html', htm: 'text/html', css: 'text/css',
  ics: 'text/calendar', vcf: 'text/vcard', xml: 'application/xml', json: 'application/json',
  yaml: 'application/yaml', yml: 'application/yaml', js: 'text/javascript', mjs: 'text/javascript',
  rtf: 'application/rtf',
  // images
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', gif: 'image/gif',
  webp: 'image/webp', svg: 'image/svg+xml', ico: 'image/vnd.microsoft.icon', bmp: 'image/bmp',
  tif: 'image/tiff', tiff: 'image/tiff', heic: 'image/heic', heif: 'image/heif', avif: 'image/avif',
  // audio / video
  mp3: 'audio/mpeg', wav: 'audio/wav', ogg: 'audio/ogg', oga: 'audio/ogg', m4a: 'audio/mp4',
  flac: 'audio/flac', aac: 'audio/aac', mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime',
  webm: 'video/webm', avi: 'video/x-msvideo', mkv: 'video/x-matroska', mpeg: 'video/mpeg', mpg: 'video/mpeg',
  // documents
  pdf: 'application/pdf', doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text', ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation', epub: 'application/epub+zip',
  pages: 'application/vnd.apple.pages', numbers: 'application/vnd.apple.numbers', key: 'application/vnd.apple.keynote',
  // archives and others
  zip: 'application/zip', gz: 'application/gzip', tgz: 'application/gzip', tar: 'application/x-tar',
  bz2: 'application/x-bzip2', xz: 'application/x-xz', '7z': 'application/x-7z-compressed',
  rar: 'application/vnd.rar', woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', otf: 'font/otf',
  wasm: 'application/wasm', p7s: 'application/pkcs7-signature', asc: 'application/pgp-signature',
  pem: 'application/x-pem-file', gpx: 'application/gpx+xml', kml: 'application/vnd.google-earth.kml+xml',
}

/**
 * The content type for `filename`, from its extension (case-insensitive);
 * `application/octet-stream` when unknown.
 *
 * @example
 * contentTypeFor('Report.PDF') // 'application/pdf'
 */
export function contentTypeFor(filename: string): string {
  const dot = filename.lastIndexOf('.')
  if (dot === -1 || dot === filename.length - 1) return DEFAULT_CONTENT_TYPE
  return TYPES[filename.slice(dot + 1).toLowerCase()] ?? DEFAULT_CONTENT_TYPE
}
