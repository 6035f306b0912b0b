import type { Locale } from '../core';
import { isTimeZone } from '../times';

/** An IANA zone Intl accepts, else null (a platform may report one this runtime does not know). */
export function validTimeZone(zone: string | null | undefined): string | null {
  return zone && isTimeZone(zone) ? zone : null;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A date and time as the viewer reads them, in their language and time zone. */
export function formatTime(at: Date, locale: Locale, timeZone: string): string {
  const key = `${locale} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    formats.set(key, format);
  }
  return format.format(at);
}

/** A file size people read: 820 B, 14 KB, 3.2 MB. */
export function formatSize(bytes: number | null, locale: Locale): string | null {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return null;
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
