import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import type { Attendance, EventDetail, RegistrationView } from './types';
import './events.css';

const badgePrefix = 'maillage:badge:';

/** On the day: find people by name or by their badge's QR code, register walk-ins, see present / expected live. */
export default function CheckInPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const [detail, setDetail] = useState<EventDetail>();
  const [error, setError] = useState('');
  const [attendance, setAttendance] = useState<Attendance>();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<RegistrationView[]>([]);
  const [announce, setAnnounce] = useState('');
  const [scanning, setScanning] = useState(false);
  const [cameraError, setCameraError] = useState(false);
  const [walkIn, setWalkIn] = useState({ name: '', organisationName: '', email: '' });
  const video = useRef<HTMLVideoElement>(null);
  const lastCode = useRef({ code: '', at: 0 });

  useEffect(() => {
    request('GET /api/events/:id', { params: { id } })
      .then(setDetail)
      .catch((e: Error) => setError(e.message));
  }, [id]);
  const eventId = detail?.event.id;
  const refreshCounts = () => {
    if (eventId) void request('GET /api/events/:id/attendance', { params: { id: eventId } }).then(setAttendance);
  };
  // Live counts: several people check in at once on several phones. The server pushes each
  // change (server-sent events); while the stream is down (it reconnects by itself), or where
  // EventSource is missing, the counts are read every 4 seconds.
  useEffect(() => {
    if (!eventId) return;
    refreshCounts();
    let timer: ReturnType<typeof setInterval> | undefined;
    const poll = () => {
      timer ??= setInterval(refreshCounts, 4000);
    };
    if (typeof EventSource === 'undefined') {
      poll();
      return () => clearInterval(timer);
    }
    const source = new EventSource(`/api/events/${eventId}/attendance/stream`);
    source.addEventListener('attendance', (e) => setAttendance(JSON.parse((e as MessageEvent<string>).data) as Attendance));
    source.onerror = poll;
    source.onopen = () => {
      clearInterval(timer);
      timer = undefined;
    };
    return () => {
      source.close();
      clearInterval(timer);
    };
  }, [eventId]);
  const search = () => {
    if (!eventId) return;
    void request('GET /api/events/:id/registrations', { params: { id: eventId }, query: { q } }).then((r) =>
      setFound(r.registrations.filter((x) => x.status !== 'cancelled').slice(0, 30)),
    );
  };
  useEffect(() => {
    const timer = setTimeout(search, 200);
    return () => clearTimeout(timer);
  }, [q, eventId]);

  const mark = async (body: { registrationId?: string; badgeCode?: string; present?: boolean }) => {
    try {
      const r = await request('POST /api/events/:id/check-ins', { params: { id: eventId ?? '' }, body });
      setAnnounce(
        body.present === false
          ? t('events.checkin.undone', { name: r.registration.name })
          : t('events.checkin.arrived', { name: r.registration.name }),
      );
      refreshCounts();
      search();
    } catch (e) {
      setAnnounce((e as Error).message);
    }
  };

  // Camera scan: frames from getUserMedia decoded by jsQR (loaded only when scanning).
  useEffect(() => {
    if (!scanning) return;
    let stream: MediaStream | undefined;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    void (async () => {
      try {
        const { default: jsQR } = await import('jsqr');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const tick = () => {
          if (stopped) return;
          const v = video.current;
          if (v && ctx && v.videoWidth > 0) {
            canvas.width = v.videoWidth;
            canvas.height = v.videoHeight;
            ctx.drawImage(v, 0, 0);
            const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
            const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
            if (code?.data.startsWith(badgePrefix)) {
              const badgeCode = code.data.slice(badgePrefix.length);
              const now = Date.now();
              if (badgeCode !== lastCode.current.code || now - lastCode.current.at > 4000) {
                lastCode.current = { code: badgeCode, at: now };
                void mark({ badgeCode });
              }
            }
          }
          frame = requestAnimationFrame(tick);
        };
        frame = requestAnimationFrame(tick);
      } catch {
        setCameraError(true);
        setScanning(false);
      }
    })();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [scanning]);

  const addWalkIn = useSubmit(async () => {
    const r = await request('POST /api/events/:id/walk-ins', { params: { id: eventId ?? '' }, body: walkIn });
    setAnnounce(t('events.checkin.walkedIn', { name: r.registration.name }));
    setWalkIn({ name: '', organisationName: '', email: '' });
    refreshCounts();
  });

  if (error) return <Alert>{error}</Alert>;
  if (!detail) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <section class="checkin">
      <PageTitle>{t('events.checkin.title', { title: detail.event.title })}</PageTitle>
      <p>
        <Link href={`/journees/${detail.event.id}/inscriptions`}>{t('events.registrations')}</Link>
      </p>
      <p class="checkin-counts" aria-live="polite" aria-atomic="true">
        {attendance ? t('events.checkin.counts', { present: attendance.present, expected: attendance.expected }) : t('common.loading')}
      </p>
      <div aria-live="assertive" class="checkin-announce">
        {announce && <Alert kind="success">{announce}</Alert>}
      </div>

      <section aria-labelledby="scan-title" class="card">
        <h2 id="scan-title">{t('events.checkin.scan')}</h2>
        {cameraError && <Alert kind="info">{t('events.checkin.noCamera')}</Alert>}
        {scanning ? (
          <>
            <video ref={video} class="scanner" playsInline muted aria-label={t('events.checkin.camera')} />
            <Button type="button" variant="secondary" onClick={() => setScanning(false)}>
              {t('events.checkin.stopScan')}
            </Button>
          </>
        ) : (
          <Button type="button" onClick={() => setScanning(true)}>
            {t('events.checkin.startScan')}
          </Button>
        )}
      </section>

      <section aria-labelledby="search-title" class="card">
        <h2 id="search-title">{t('events.checkin.byName')}</h2>
        <div class="field">
          <label for="checkin-q">{t('events.checkin.search')}</label>
          <input id="checkin-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} autoComplete="off" />
        </div>
        <ul class="checkin-list">
          {found.map((r) => (
            <li key={r.id}>
              <span>
                <strong>{r.name}</strong>
                {r.organisationName && <span class="hint"> · {r.organisationName}</span>}
                {r.status === 'waitlisted' && <span class="hint"> · {t('events.regStatus.waitlisted')}</span>}
              </span>
              {r.checkedInAt ? (
                <Button type="button" variant="secondary" onClick={() => void mark({ registrationId: r.id, present: false })}>
                  {t('events.checkin.unmark')}
                  <span class="visually-hidden"> {r.name}</span>
                </Button>
              ) : (
                <Button type="button" onClick={() => void mark({ registrationId: r.id })}>
                  {t('events.checkin.mark')}
                  <span class="visually-hidden"> {r.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="walkin-title" class="card">
        <h2 id="walkin-title">{t('events.checkin.walkIn')}</h2>
        {addWalkIn.error && <Alert>{addWalkIn.error.message}</Alert>}
        <form onSubmit={addWalkIn.run} noValidate>
          <Field
            label={t('events.reg.name')}
            name="name"
            required
            value={walkIn.name}
            error={addWalkIn.error?.forField('name')}
            onInput={(e) => setWalkIn({ ...walkIn, name: e.currentTarget.value })}
          />
          <Field
            label={t('events.reg.organisation')}
            name="organisationName"
            value={walkIn.organisationName}
            onInput={(e) => setWalkIn({ ...walkIn, organisationName: e.currentTarget.value })}
          />
          <Field
            label={t('events.checkin.emailOptional')}
            name="email"
            type="email"
            value={walkIn.email}
            error={addWalkIn.error?.forField('email')}
            onInput={(e) => setWalkIn({ ...walkIn, email: e.currentTarget.value })}
          />
          <Button type="submit" busy={addWalkIn.busy}>
            {t('events.checkin.walkInSubmit')}
          </Button>
        </form>
      </section>
    </section>
  );
}
