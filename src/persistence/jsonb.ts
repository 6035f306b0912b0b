/**
 * JSON for a `jsonb` parameter. Postgres refuses the NUL character in text and in jsonb, and chat
 * text can carry one; it is dropped rather than losing the whole write. Checked on the serialised
 * string first, so the common case pays for one `JSON.stringify`.
 */
export function toJsonb(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\u0000') ? JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v)) : json;
}
