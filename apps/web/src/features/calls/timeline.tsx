import type { CallStepView } from '@maillage/core';
import { useI18n } from '../../shared/i18n';
import { parisToday } from './common';

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const isoOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

export interface TimelineLayout {
  readonly start: string;
  readonly end: string;
  /** Each step's bar, in percent of the width. */
  readonly bars: readonly { readonly id: string; readonly left: number; readonly width: number }[];
  /** Today's marker in percent, or null when today is outside the calendar. */
  readonly today: number | null;
  /** The first day of each month in the range, in percent. */
  readonly months: readonly { readonly iso: string; readonly left: number }[];
}

/** Where the bars and today's marker go (pure): a step covers its opening day to the end of its closing day. */
export function timelineLayout(steps: readonly Pick<CallStepView, 'id' | 'opensOn' | 'closesOn'>[], today: string): TimelineLayout | null {
  if (steps.length === 0) return null;
  const start = Math.min(...steps.map((s) => dayNumber(s.opensOn)));
  const end = Math.max(...steps.map((s) => dayNumber(s.closesOn))) + 1;
  const span = Math.max(1, end - start);
  const pct = (n: number) => Math.round(((n - start) / span) * 10_000) / 100;
  const t = dayNumber(today);
  const months: { iso: string; left: number }[] = [];
  const first = new Date(start * 86_400_000);
  for (let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)); d.getTime() / 86_400_000 < end; ) {
    months.push({ iso: d.toISOString().slice(0, 10), left: pct(d.getTime() / 86_400_000) });
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  return {
    start: isoOf(start),
    end: isoOf(end - 1),
    bars: steps.map((s) => ({
      id: s.id,
      left: pct(dayNumber(s.opensOn)),
      width: Math.max(0.8, pct(dayNumber(s.closesOn) + 1) - pct(dayNumber(s.opensOn))),
    })),
    today: t >= start && t < end ? pct(t + 0.5) : null,
    months,
  };
}

/**
 * The call's calendar as a picture: one bar per step on a shared time axis, month ticks, and a
 * marker on today; each step's words (label, dates, open or not) are text beside its bar, so the
 * picture is read as well as seen.
 */
export function CallTimeline({ steps }: { steps: readonly CallStepView[] }) {
  const { t, formatDate } = useI18n();
  const today = parisToday();
  const layout = timelineLayout(steps, today);
  if (!layout) return <p>{t('calls.calendar.none')}</p>;
  const short = (iso: string) =>
    formatDate(`${iso}T12:00:00Z`, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Paris' });
  return (
    <figure class="call-timeline">
      <figcaption>{t('calls.calendar.caption', { start: short(layout.start), end: short(layout.end), today: short(today) })}</figcaption>
      <div class="timeline-body">
        <div class="timeline-months" aria-hidden="true">
          {layout.months.map((m) => (
            <span key={m.iso} style={{ left: `${m.left}%` }}>
              {formatDate(`${m.iso}T12:00:00Z`, { month: 'short', timeZone: 'UTC' })}
            </span>
          ))}
        </div>
        <ol class="timeline-steps">
          {steps.map((s, i) => {
            const bar = layout.bars[i]!;
            return (
              <li key={s.id} class={`timeline-step step-${s.state}`}>
                <p class="timeline-label">
                  <strong>{s.label}</strong>{' '}
                  <span class="muted">
                    {t('calls.calendar.dates', { opens: short(s.opensOn), closes: short(s.closesOn) })} · {t(`calls.stepState.${s.state}`)}
                  </span>
                </p>
                <div class="timeline-track" aria-hidden="true">
                  <span class="timeline-bar" style={{ left: `${bar.left}%`, width: `${bar.width}%` }} />
                </div>
              </li>
            );
          })}
        </ol>
        {layout.today !== null && (
          <div class="timeline-today" style={{ left: `${layout.today}%` }} aria-hidden="true">
            <span>{t('calls.calendar.today')}</span>
          </div>
        )}
      </div>
    </figure>
  );
}
