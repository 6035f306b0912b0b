/**
 * U+0000 is removed from every string of an inbound payload, once, where the platform's JSON
 * becomes our values (the Slack and Teams endpoints, Socket Mode envelopes). Postgres text and
 * jsonb cannot hold it, so a title or message carrying one would fail its insert forever; no
 * person means it, and past this edge the core and the database only ever see clean text.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withoutNul(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const before = record[key];
      const after = withoutNul(before);
      const clean = key.includes('\u0000') ? key.replaceAll('\u0000', '') : key;
      if (clean === key && after === before) continue;
      if (clean !== key) delete record[key];
      // defineProperty, not assignment: a JSON key "__proto__" must stay a plain property.
      Object.defineProperty(record, clean, { value: after, enumerable: true, writable: true, configurable: true });
    }
  }
  return value;
}

/** JSON.parse, without NUL in any string; the walk is skipped when the text cannot hold one. */
export function parseJsonWithoutNul(raw: string): unknown {
  const parsed: unknown = JSON.parse(raw);
  // A NUL can only be written `\u0000` inside JSON (a raw control character is a syntax error).
  return raw.includes('\\u0000') ? withoutNul(parsed) : parsed;
}
