import { type ApplicationStatus, formatEuros } from '@maillage/core';
import type { ComponentChildren } from 'preact';
import { ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';

/** An amount in cents as French euros (`12 345,67 €`): core's one formatter. */
export const euros = (cents: number | null | undefined): string => (cents === null || cents === undefined ? '—' : formatEuros(cents));

/** Where a file is, as a coloured badge with its words (never the colour alone). */
export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useI18n();
  return <span class={`status-badge status-${status}`}>{t(`calls.status.${status}`)}</span>;
}

/** Any thrown value as an ApiError. */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
}

/** The words to show for a failed call: offline said in the interface's language, field errors listed. */
export function problemMessage(e: unknown, offline: string): string {
  const error = asApiError(e);
  if (error.code === 'offline') return offline;
  const fields = error.fieldErrors.map((f) => f.message);
  return fields.length ? `${error.message} : ${[...new Set(fields)].join(' ; ')}` : error.message;
}

/** The file's bytes in base64 (what the upload routes take). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A wide table that scrolls on its own on a phone, reachable by keyboard (axe scrollable-region-focusable). */
export function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus to be scrolled with the keyboard
    <section class="calls-table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

/** Today in Europe/Paris as `AAAA-MM-JJ` (the calendar's days are Paris days). */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
