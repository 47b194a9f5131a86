import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { MyQuestionnaire } from '../evaluation/questionnaire';
import { WorkshopChoices } from './public-page';
import type { MyRegistration as Mine } from './types';
import './events.css';

/**
 * Without a mail server nothing was sent: the page is the only copy of the personal link, so it
 * offers to copy it and to download it (with the .ics offered below).
 */
function KeepLink({ token }: { token: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState('');
  const link = `${location.origin}/inscription/${encodeURIComponent(token)}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(t('events.me.copied'));
    } catch {
      setCopied(t('events.me.copyFailed'));
    }
  };
  const file = URL.createObjectURL(new Blob([`${t('events.me.linkFileText')}\n${link}\n`], { type: 'text/plain;charset=utf-8' }));
  return (
    <section class="card keep-link" aria-labelledby="keep-link-title">
      <h2 id="keep-link-title">{t('events.me.linkTitle')}</h2>
      <div class="field">
        <label for="personal-link">{t('events.me.linkLabel')}</label>
        <input id="personal-link" type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <p class="actions">
        <Button type="button" onClick={() => void copy()}>
          {t('events.me.copy')}
        </Button>
        <a class="btn btn-secondary" href={file} download="mon-inscription.txt">
          {t('events.me.download')}
        </a>
      </p>
      <p aria-live="polite">{copied}</p>
    </section>
  );
}

/** The personal page behind the link sent on registration: see, change or cancel, add to one's calendar. */
export default function RegistrationPage({ params }: { params: Record<string, string> }) {
  const { t, formatDate } = useI18n();
  const { search } = useRouter();
  const token = params.token ?? '';
  const [mine, setMine] = useState<Mine>();
  const [missing, setMissing] = useState(false);
  const [choices, setChoices] = useState<string[]>([]);
  const [lunch, setLunch] = useState(false);
  const [directoryConsent, setDirectoryConsent] = useState(false);
  const [accessibility, setAccessibility] = useState('');
  const [notice, setNotice] = useState('');
  const [confirming, setConfirming] = useState(false);
  const load = async () => {
    try {
      const m = await request('GET /api/registrations/:token', { params: { token } });
      setMine(m);
      setChoices(
        m.registration.choices
          .filter((c) => c.status !== 'dropped')
          .sort((a, b) => a.preference - b.preference)
          .map((c) => c.sessionId),
      );
      setLunch(m.registration.lunch);
      setDirectoryConsent(m.registration.directoryConsent);
      setAccessibility(m.registration.accessibility);
    } catch {
      setMissing(true);
    }
  };
  useEffect(() => {
    void load();
  }, [token]);
  const save = useSubmit(async () => {
    await request('PATCH /api/registrations/:token', { params: { token }, body: { choices, lunch, accessibility, directoryConsent } });
    await load();
    setNotice(t('events.me.saved'));
  });
  const cancel = useSubmit(async () => {
    await request('DELETE /api/registrations/:token', { params: { token } });
    setConfirming(false);
    await load();
    setNotice(t('events.me.cancelled'));
  });
  if (missing) return <Alert>{t('events.me.notFound')}</Alert>;
  if (!mine) return <p aria-busy="true">{t('common.loading')}</p>;
  const { registration: r, event } = mine;
  const title = new Map(mine.sessions.map((s) => [s.id, s.title]));
  const editable = r.status !== 'cancelled' && event.registration === 'open';
  return (
    <section class="narrow-wide">
      <PageTitle>{t('events.me.title')}</PageTitle>
      <p class="lead">
        <Link href={`/journees/${event.slug}`}>{event.title}</Link> ·{' '}
        {formatDate(`${event.startDate}T12:00:00Z`, { dateStyle: 'full', timeZone: 'UTC' })}
      </p>
      <div aria-live="polite">{notice && <Alert kind="success">{notice}</Alert>}</div>
      {search.get('nouvelle') && r.status !== 'cancelled' && (
        <Alert kind="info">{mine.mailConfigured ? t('events.me.keepLink') : t('events.me.keepLinkNoMail')}</Alert>
      )}
      {!mine.mailConfigured && r.status !== 'cancelled' && <KeepLink token={token} />}
      <p class={`reg-status reg-${r.status}`}>
        <strong>{r.name}</strong> — {r.status === 'cancelled' ? t('events.me.isCancelled') : t(`events.me.${r.status}`)}
      </p>
      {r.choices.length > 0 && (
        <ul>
          {r.choices
            .filter((c) => c.status !== 'dropped')
            .map((c) => (
              <li key={c.sessionId}>
                {title.get(c.sessionId)} : <strong>{t(`events.choice.${c.status}`)}</strong>
              </li>
            ))}
        </ul>
      )}
      {event.registration === 'over' && <Alert kind="info">{t('events.me.over')}</Alert>}
      {r.status !== 'cancelled' && (
        <p>
          <a class="btn btn-secondary" download href={`/api/registrations/${encodeURIComponent(token)}/calendar.ics`}>
            {t('events.me.ics')}
          </a>
        </p>
      )}
      {r.status !== 'cancelled' && <MyQuestionnaire token={token} />}
      {editable && (
        <>
          <h2>{t('events.me.change')}</h2>
          {save.error && <Alert>{save.error.code === 'offline' ? t('common.offline') : save.error.message}</Alert>}
          <form onSubmit={save.run} noValidate>
            <WorkshopChoices sessions={mine.sessions} value={choices} onChange={setChoices} places={mine.places.sessions} />
            <label class="check field">
              <input type="checkbox" checked={lunch} onChange={(e) => setLunch((e.currentTarget as HTMLInputElement).checked)} />
              {t('events.reg.lunch')}
            </label>
            <div class="field">
              <label for="me-access">{t('events.reg.accessibility')}</label>
              <textarea id="me-access" rows={2} value={accessibility} onInput={(e) => setAccessibility(e.currentTarget.value)} />
            </div>
            <label class="check field">
              <input
                type="checkbox"
                checked={directoryConsent}
                onChange={(e) => setDirectoryConsent((e.currentTarget as HTMLInputElement).checked)}
              />
              {t('events.reg.directoryConsent')}
            </label>
            <Button type="submit" busy={save.busy}>
              {t('events.me.save')}
            </Button>
          </form>
          <h2>{t('events.me.cancel')}</h2>
          {cancel.error && <Alert>{cancel.error.message}</Alert>}
          {confirming ? (
            <p class="actions">
              <Button type="button" busy={cancel.busy} onClick={() => void cancel.run()}>
                {t('events.me.cancelConfirm')}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </p>
          ) : (
            <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
              {t('events.me.cancel')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
