import type { TFunction } from 'i18next';
import type { Locale, Priority, Status } from '../../core';
import { formatTime } from '../format';

export function StatusBadge({ t, status }: { t: TFunction; status: Status }) {
  return <span class={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

/** Priority in words and shape, not colour alone. */
export function PriorityBadge({ t, priority }: { t: TFunction; priority: Priority }) {
  return (
    <span class={`badge priority-${priority}`}>
      <span class="priority-mark" aria-hidden="true" />
      {t(`priority.${priority}`)}
    </span>
  );
}

export function Time({ at, locale, timeZone }: { at: Date; locale: Locale; timeZone: string }) {
  return <time dateTime={at.toISOString()}>{formatTime(at, locale, timeZone)}</time>;
}
