import { useEffect, useState } from 'preact/hooks';
import { type ApiError, api } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import './ecosystem.css';

interface PersonView {
  id: string;
  name: string;
  function: string | null;
  isResource: boolean;
  resourceFor: string | null;
  isSelf: boolean;
  contact: { email: string | null; phone: string | null; consent: boolean; consentOn: string | null } | null;
  organisations: { id: string; name: string }[];
  territories: { id: string; name: string }[];
  themes: { id: string; label: string }[];
}

/** `/ecosysteme/personnes/:id`: a person; contact details when allowed; one's own data export and erasure. */
export default function PersonPage({ params }: { params: Record<string, string> }) {
  const { t, formatDate } = useI18n();
  const [person, setPerson] = useState<PersonView | null | 'missing'>(null);
  const [confirming, setConfirming] = useState(false);
  const [erased, setErased] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<PersonView>('GET', `/api/ecosystem/people/${params.id}`).then(setPerson, () => setPerson('missing'));
  }, [params.id]);
  if (erased) return <Alert kind="success">{t('ecosystem.person.erased')}</Alert>;
  if (person === null) return <p aria-busy="true">{t('ecosystem.org.loading')}</p>;
  if (person === 'missing') return <Alert>{t('ecosystem.person.notFound')}</Alert>;
  const erase = async () => {
    try {
      await api('DELETE', `/api/ecosystem/people/${person.id}`);
      setErased(true);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <article class="ecosystem eco-card">
      <PageTitle>{person.name}</PageTitle>
      <dl>
        {person.function && (
          <>
            <dt>{t('ecosystem.person.function')}</dt>
            <dd>{person.function}</dd>
          </>
        )}
        <dt>{t('ecosystem.org.people')}</dt>
        <dd>
          {person.organisations.map((o, i) => (
            <span key={o.id}>
              {i > 0 && ', '}
              <Link href={`/ecosysteme/organisations/${o.id}`}>{o.name}</Link>
            </span>
          ))}
        </dd>
        {person.isResource && (
          <>
            <dt>{t('ecosystem.directory.resourceBadge')}</dt>
            <dd>{person.resourceFor ?? '—'}</dd>
          </>
        )}
        <dt>{t('ecosystem.org.themes')}</dt>
        <dd>{person.themes.map((x) => x.label).join(', ') || '—'}</dd>
        {person.contact && (
          <>
            <dt>{t('ecosystem.person.contact')}</dt>
            <dd>
              {person.contact.email || person.contact.phone
                ? t('ecosystem.org.contact', { email: person.contact.email ?? '—', phone: person.contact.phone ?? '—' })
                : t('ecosystem.org.noContact')}
              {person.contact.consentOn && (
                <> ({t('ecosystem.person.consentOn', { date: formatDate(`${person.contact.consentOn}T12:00:00Z`) })})</>
              )}
            </dd>
          </>
        )}
      </dl>
      {person.isSelf && (
        <section aria-labelledby="my-data">
          <h2 id="my-data">{t('ecosystem.person.myData')}</h2>
          <p>
            <a href={`/api/ecosystem/people/${person.id}/export`} download>
              {t('ecosystem.person.export')}
            </a>
          </p>
          {error && <Alert>{error}</Alert>}
          {!confirming ? (
            <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
              {t('ecosystem.person.erase')}
            </Button>
          ) : (
            <div role="alertdialog" aria-labelledby="erase-q">
              <p id="erase-q">{t('ecosystem.person.eraseConfirm')}</p>
              <Button type="button" onClick={() => void erase()}>
                {t('ecosystem.person.eraseYes')}
              </Button>{' '}
              <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
                {t('ecosystem.person.eraseNo')}
              </Button>
            </div>
          )}
        </section>
      )}
    </article>
  );
}
