/**
 * RFC 9110 media types (section 8.3.1): `type/subtype *( OWS ";" OWS [ name=value ] )`, with
 * type, subtype and parameter names case-insensitive and values a token or a quoted string.
 * So `APPLICATION/JSON ; charset="UTF-8"` and `application/json;` are JSON like any other.
 */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
const OWS = '[ \\t]*';
const MEDIA_TYPE = new RegExp(
  `^${OWS}(${TOKEN})/(${TOKEN})${OWS}((?:;${OWS}(?:${TOKEN}=(?:${TOKEN}|${QUOTED}))?${OWS})*)$`,
);
const PARAMETER = new RegExp(`;${OWS}(?:(${TOKEN})=(${TOKEN}|${QUOTED}))?`, 'g');

export interface MediaType {
  /** `type/subtype`, lower-cased. */
  essence: string;
  /** Parameter names lower-cased, values unquoted (case kept: only some are case-insensitive). */
  parameters: Map<string, string>;
}

/** The parsed Content-Type, or undefined when it is absent or not a media type. */
export function parseMediaType(header: string | undefined): MediaType | undefined {
  const match = header === undefined ? null : MEDIA_TYPE.exec(header);
  if (!match) return undefined;
  const [, type = '', subtype = '', rest = ''] = match;
  const parameters = new Map<string, string>();
  for (const [, name, value] of rest.matchAll(PARAMETER)) {
    if (name === undefined || value === undefined) continue; // an empty parameter: `;;`
    const unquoted = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
    parameters.set(name.toLowerCase(), unquoted);
  }
  return { essence: `${type}/${subtype}`.toLowerCase(), parameters };
}

/** UTF-8 is the only charset bodies are read in (RFC 8259 section 8.1); none means UTF-8. */
export function isUtf8(mediaType: MediaType): boolean {
  const charset = mediaType.parameters.get('charset');
  return charset === undefined || charset.toLowerCase() === 'utf-8';
}
