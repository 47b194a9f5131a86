import { useEffect, useState } from 'preact/hooks';
import type { DirectoryView, PersonView } from '@maillage/core';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import './ecosystem.css';

/** "Knows …": a person picker (type a few letters, choose in the list) and the declaration. */
function DeclareAcquaintance({ person, onSaved }: { person: PersonView; onSaved(): void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<DirectoryView['people']>([]);
  const [known, setKnown] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (q.trim().length < 2) return setOptions([]);
    const timer = setTimeout(() => {
      request('GET /api/ecosystem/directory', { query: { q: q.trim(), limit: 20 } }).then(
        (r) => {
          const already = new Set((person.acquaintances ?? []).map((a) => a.id));
          const list = r.people.filter((p) => p.id !== person.id && !already.has(p.id));
          setOptions(list);
          setKnown(list[0]?.id ?? '');
        },
        () => setOptions([]),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [q]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    if (!known) return setError(t('ecosystem.knows.needPerson'));
    setBusy(true);
    setError(null);
    try {
      await request('POST /api/ecosystem/acquaintances', { body: { personId: person.id, knownPersonId: known } });
      setSaved(options.find((o) => o.id === known)?.name ?? '');
      setQ('');
      setOptions([]);
      setKnown('');
      onSaved();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="eco-assess" onSubmit={submit} noValidate aria-labelledby="knows-title">
      <h3 id="knows-title">{t('ecosystem.knows.declare', { name: person.name })}</h3>
      <div class="field">
        <label for="knows-q">{t('ecosystem.knows.search')}</label>
        <p class="hint" id="knows-q-hint">
          {t('ecosystem.knows.searchHint')}
        </p>
        <input
          id="knows-q"
          type="search"
          autoComplete="off"
          aria-describedby={['knows-q-hint', error ? 'knows-error' : ''].filter(Boolean).join(' ')}
          aria-invalid={error ? 'true' : undefined}
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="knows-person">{t('ecosystem.knows.person')}</label>
        <select id="knows-person" value={known} onChange={(e) => setKnown(e.currentTarget.value)}>
          <option value="">{t('ecosystem.assess.choose')}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.organisations.length ? `${o.name} (${o.organisations.join(', ')})` : o.name}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p class="field-error" id="knows-error" role="alert">
          {error}
        </p>
      )}
      {saved !== null && <Alert kind="success">{t('ecosystem.knows.saved', { name: person.name, known: saved })}</Alert>}
      <Button type="submit" busy={busy}>
        {t('ecosystem.knows.submit')}
      </Button>
    </form>
  );
}

/** `/ecosysteme/personnes/:id`: a person; contact details when allowed; one's own data export and erasure. */
export default function PersonPage({ params }: { params: Record<string, string> }) {
  const { t, formatDate } = useI18n();
  const [person, setPerson] = useState<PersonView | null | 'missing'>(null);
  const [confirming, setConfirming] = useState(false);
  const [erased, setErased] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    request('GET /api/ecosystem/people/:id', { params: { id: params.id ?? '' } }).then(setPerson, () => setPerson('missing'));
  useEffect(() => {
    void load();
  }, [params.id]);
  if (erased) return <Alert kind="success">{t('ecosystem.person.erased')}</Alert>;
  if (person === null) return <p aria-busy="true">{t('ecosystem.org.loading')}</p>;
  if (person === 'missing') return <Alert>{t('ecosystem.person.notFound')}</Alert>;
  const erase = async () => {
    try {
      await request('DELETE /api/ecosystem/people/:id', { params: { id: person.id } });
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
      {person.acquaintances && (
        <section aria-labelledby="knows-list">
          <h2 id="knows-list">{t('ecosystem.knows.title')}</h2>
          {person.acquaintances.length === 0 ? (
            <p>{t('ecosystem.knows.none')}</p>
          ) : (
            <ul class="eco-results">
              {person.acquaintances.map((a) => (
                <li key={a.id}>
                  <Link href={`/ecosysteme/personnes/${a.id}`}>{a.name}</Link>
                  <span class="eco-meta">
                    {t(a.source === 'event' ? 'ecosystem.knows.sourceEvent' : 'ecosystem.knows.sourceDeclared')}
                    {a.metOn ? ` · ${formatDate(`${a.metOn}T12:00:00Z`)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {person.canDeclare && <DeclareAcquaintance person={person} onSaved={() => void load()} />}
        </section>
      )}
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
