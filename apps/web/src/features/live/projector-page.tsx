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

/** The projector: the join code and QR code, the current activity, the timer, the live results. */
export default function ProjectorPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const code = (params.code ?? '').toUpperCase();
  const live = useLive(code, 'projector');
  const activity = live.room?.activity ?? null;
  const joinUrl = `${location.host}/j/${code}`;
  return (
    <section class="live-projector">
      <FullScreenButton />
      <header class="live-projector-head">
        <div>
          <PageTitle>{live.room?.title ?? code}</PageTitle>
          <p class="live-join">
            {t('live.projector.join', { url: joinUrl })} <strong class="live-code">{code}</strong>
          </p>
          {live.participants !== null && <p>{t('live.projector.participants', { count: live.participants })}</p>}
          <p role="status" class="visually-hidden">
            {t(`live.status.${live.status}`)}
          </p>
        </div>
        <img
          class="live-qr"
          src={`/api/live/join/${encodeURIComponent(code)}/qr.svg`}
          alt={t('live.projector.qr', { code })}
          width={220}
          height={220}
        />
      </header>
      <LiveTimer timer={live.room?.timer ?? null} clockOffset={live.clockOffset} large />
      {activity && (
        <section aria-labelledby="live-prompt" aria-live="off">
          <h2 id="live-prompt" class="live-prompt">
            {activity.prompt}
          </h2>
          {activity.kind === 'codev' ? (
            <CodevProjector activity={activity} results={live.results[activity.id]} />
          ) : (
            <Results activity={activity} results={live.results[activity.id]} />
          )}
        </section>
      )}
    </section>
  );
}
