import type { Locale } from './core';

/** Whether the runtime knows this IANA time zone (`America/Sao_Paulo`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as the viewer reads it, in their language and time zone (contract §3): `time` is the
 * hour alone (`14:05`), `datetime` adds the day. An unknown zone falls back to UTC.
 */
export function formatTime(at: Date, locale: Locale, zone: string, style: 'time' | 'datetime' = 'datetime'): string {
  const timeZone = isTimeZone(zone) ? zone : 'UTC';
  const key = `${locale} ${timeZone} ${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, style === 'time'
      ? { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { timeZone, day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(key, format);
  }
  return format.format(at);
}
