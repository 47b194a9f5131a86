import type { ActivityResults } from '@maillage/core';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { PageTitle } from '../../shared/ui';
import { CodevProjector } from './codev-projector';
import { Results } from './results';
import { LiveTimer } from './timer';
import { useLive } from './use-live';
import './live.css';
import './projector.css';

/** Fills the screen (the browser's full-screen mode), from a click as browsers require. */
function FullScreenButton() {
  const { t } = useI18n();
  if (typeof document === 'undefined' || !document.fullscreenEnabled) return null;
  return (
    <div class="live-projector-tools">
      <button type="button" class="btn btn-secondary" onClick={() => void document.documentElement.requestFullscreen().catch(() => {})}>
        {t('live.projector.fullscreen')}
      </button>
    </div>
  );
}

/** Smallest type the stage shrinks to (a fraction of the projector's size) before giving up. */
const MIN_SCALE = 0.45;

/**
 * A projector cannot scroll: the stage (prompt and results) shrinks its type, step by step, until
 * what it shows fits the space left under the header, each time the results or the screen change.
 */
function useFitStage(activityId: string | undefined, results: ActivityResults | undefined) {
  const stage = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = stage.current;
    if (!el) return;
    const fit = () => {
      let scale = 1;
      el.style.fontSize = '';
      const overflows = () => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
      while (overflows() && scale > MIN_SCALE) {
        scale = Math.max(MIN_SCALE, scale * 0.9);
        el.style.fontSize = `${scale}em`;
      }
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [activityId, results]);
  return stage;
}

/**
 * The projector: before any activity, the room's title, join address, code and QR code, large;
 * once an activity runs, they shrink into the header's corner and the activity takes the screen.
 * Everything fits the screen (16:9 or 4:3, 1024×768 to 1920×1080) without scrolling.
 */
export default function ProjectorPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const code = (params.code ?? '').toUpperCase();
  const live = useLive(code, 'projector');
  const activity = live.room?.activity ?? null;
  const results = activity ? live.results[activity.id] : undefined;
  const stage = useFitStage(activity?.id, results);
  const joinUrl = `${location.host}/j/${code}`;
  const timer = <LiveTimer timer={live.room?.timer ?? null} clockOffset={live.clockOffset} large />;
  return (
    <section class={`live-projector${activity ? ' live-projector-running' : ''}`}>
      <header class="live-projector-head">
        <div class="live-projector-title">
          <PageTitle>{live.room?.title ?? code}</PageTitle>
          {live.participants !== null && <p>{t('live.projector.participants', { count: live.participants })}</p>}
          <p role="status" class="visually-hidden">
            {t(`live.status.${live.status}`)}
          </p>
        </div>
        {activity && timer}
        {/* A closed room invites nobody in any more: no address, no code, no QR code. */}
        {live.room?.closed ? (
          <p class="live-projector-closed" role="status">
            {t('live.roomClosed')}
          </p>
        ) : (
          <div class="live-projector-join">
            <p class="live-join">
              {t('live.projector.join', { url: joinUrl })} <strong class="live-code">{code}</strong>
            </p>
            <img
              class="live-qr"
              src={`/api/live/join/${encodeURIComponent(code)}/qr.svg`}
              alt={t('live.projector.qr', { code })}
              width={220}
              height={220}
            />
          </div>
        )}
        <FullScreenButton />
      </header>
      {!activity && timer}
      {activity && (
        <section class="live-projector-stage" aria-labelledby="live-prompt" aria-live="off" ref={stage}>
          <h2 id="live-prompt" class="live-prompt">
            {activity.prompt}
          </h2>
          <div class="live-projector-results">
            {activity.kind === 'codev' ? (
              <CodevProjector activity={activity} results={results} />
            ) : (
              <Results activity={activity} results={results} />
            )}
          </div>
        </section>
      )}
    </section>
  );
}
