import type { TimerView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { secondsLeft } from '../../shared/live-socket';

/** The room's timer: mm:ss, a warning before the end, announced once to screen readers. */
export function LiveTimer({ timer, clockOffset, large }: { timer: TimerView | null; clockOffset: number; large?: boolean }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!timer) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [timer]);
  if (!timer) return null;
  const left = secondsLeft(timer.endsAt, clockOffset, now);
  const warning = left > 0 && left * 1000 <= timer.warnBeforeMs;
  const mm = String(Math.floor(left / 60)).padStart(2, '0');
  const ss = String(left % 60).padStart(2, '0');
  return (
    <section
      class={`live-timer${large ? ' live-timer-large' : ''}${warning ? ' live-timer-warning' : ''}${left === 0 ? ' live-timer-over' : ''}`}
    >
      <h2 class="visually-hidden">{t('live.timer')}</h2>
      <p class="live-timer-digits" role="timer" aria-label={t('live.timer')}>
        {mm}:{ss}
      </p>
      <p role="status" class="live-timer-note">
        {left === 0
          ? t('live.timer.over')
          : warning
            ? t('live.timer.warning', { minutes: Math.max(1, Math.ceil(timer.warnBeforeMs / 60_000)) })
            : ''}
      </p>
    </section>
  );
}
