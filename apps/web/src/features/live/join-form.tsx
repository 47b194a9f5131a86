import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';

import './join-form.css';

const BADGE_PREFIX = 'maillage:badge:';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

/**
 * A QR decoder for the camera's frames: the browser's own (BarcodeDetector, no download) when it has
 * one, else jsQR, fetched only now so the participant page stays light for everyone else.
 */
async function qrDecoder(): Promise<(video: HTMLVideoElement) => Promise<string | undefined>> {
  const Native = (
    globalThis as { BarcodeDetector?: (new (o: { formats: string[] }) => Detector) & { getSupportedFormats(): Promise<string[]> } }
  ).BarcodeDetector;
  // Some browsers expose the API without a QR backend (an empty list of formats): jsQR then.
  if (Native && (await Native.getSupportedFormats().catch((): string[] => [])).includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue;
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    if (!ctx || video.videoWidth === 0) return undefined;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    ctx.drawImage(video, 0, 0);
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data;
  };
}

/** The camera, reading QR codes until one is a badge's; stopped when unmounted. */
function BadgeScanner({ onBadge, onFail }: { onBadge: (text: string) => void; onFail: (reason: 'camera' | 'notBadge') => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    let warned = false;
    void (async () => {
      try {
        const decode = await qrDecoder();
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        const v = video.current;
        if (stopped || !v) return;
        v.srcObject = stream;
        await v.play();
        while (!stopped) {
          const text = await decode(v).catch(() => undefined);
          if (text?.startsWith(BADGE_PREFIX)) {
            stopped = true;
            onBadge(text);
            break;
          }
          if (text && !warned) {
            warned = true;
            onFail('notBadge');
          }
          await new Promise((r) => setTimeout(r, 150));
        }
      } catch {
        if (!stopped) onFail('camera');
      }
    })();
    return () => {
      stopped = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return (
    <div class="live-scanner">
      <p>{t('live.registered.scanning')}</p>
      <video ref={video} muted playsInline width={320} height={240} />
    </div>
  );
}

/**
 * "Je suis inscrit·e": a person registered for the day joins with their badge's QR code, or with
 * their name and the personal code printed on the badge, and is recognised from their registration.
 */
export function RegisteredJoin({ code, onJoined }: { code: string; onJoined: (token: string) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [personalCode, setPersonalCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const [scanIssue, setScanIssue] = useState<'camera' | 'notBadge'>();
  const canScan = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
  const join = async (body: { badge: string } | { name: string; personalCode: string }) => {
    const joined = await request('POST /api/live/join/:code/registered', { params: { code }, body });
    onJoined(joined.token);
  };
  const typed = useSubmit(() => join({ name, personalCode }));
  const [badgeError, setBadgeError] = useState<string>();
  const onBadge = (text: string) => {
    setScanning(false);
    setBadgeError(undefined);
    join({ badge: text }).catch((e: Error) => setBadgeError(e.message));
  };
  const error = typed.error;
  return (
    <details class="live-registered">
      <summary>{t('live.registered.toggle')}</summary>
      <p>{t('live.registered.intro')}</p>
      {canScan && (
        <div class="live-scan">
          {scanning ? (
            <>
              <BadgeScanner
                onBadge={onBadge}
                onFail={(reason) => {
                  setScanIssue(reason);
                  if (reason === 'camera') setScanning(false);
                }}
              />
              <Button type="button" variant="secondary" onClick={() => setScanning(false)}>
                {t('live.registered.stopScan')}
              </Button>
            </>
          ) : (
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setScanIssue(undefined);
                setScanning(true);
              }}
            >
              {t('live.registered.scan')}
            </Button>
          )}
          {scanIssue && <Alert kind="info">{t(`live.registered.${scanIssue === 'camera' ? 'noCamera' : 'notBadge'}`)}</Alert>}
          {badgeError && <Alert>{badgeError}</Alert>}
        </div>
      )}
      {error && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
      <form onSubmit={typed.run} noValidate>
        <Field
          label={t('live.registered.name')}
          name="registered-name"
          required
          autoComplete="name"
          maxLength={80}
          value={name}
          error={error?.forField('name')}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <Field
          label={t('live.registered.code')}
          hint={t('live.registered.codeHint')}
          name="personal-code"
          required
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={20}
          value={personalCode}
          error={error?.forField('personalCode')}
          onInput={(e) => setPersonalCode(e.currentTarget.value)}
        />
        <Button type="submit" busy={typed.busy}>
          {t('live.registered.submit')}
        </Button>
      </form>
    </details>
  );
}
