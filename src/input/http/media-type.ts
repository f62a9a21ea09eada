/** The parts of a Content-Type header the HTTP adapter decides on. */
export interface MediaType {
  /** Lowercased `type/subtype`, or '' when the header is missing. */
  essence: string;
  charset: string | undefined;
}

export function parseMediaType(header: string | null | undefined): MediaType {
  if (!header) return { essence: '', charset: undefined };
  const [essence = '', ...params] = header.split(';').map((part) => part.trim());
  let charset: string | undefined;
  for (const param of params) {
    const [name, value] = param.split('=', 2);
    if (name?.trim().toLowerCase() === 'charset' && value) charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
  }
  return { essence: essence.toLowerCase(), charset };
}

export const isJson = (m: MediaType): boolean => m.essence === 'application/json' || m.essence.endsWith('+json');

/**
 * Bodies taken as raw text. Form-urlencoded is here on purpose: it is what
 * `curl -d`/`--data-binary` sends when no type is given, and it is raw text to us.
 */
export const isRawText = (m: MediaType): boolean =>
  m.essence === '' ||
  m.essence.startsWith('text/') ||
  m.essence === 'application/octet-stream' ||
  m.essence === 'application/x-www-form-urlencoded';

export const RAW_TYPES = ['text/*', 'application/octet-stream', 'application/x-www-form-urlencoded'] as const;
