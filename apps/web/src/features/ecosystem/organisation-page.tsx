import { useEffect, useState } from 'preact/hooks';
import type { DirectoryView, OrganisationView, PersonContactView } from '@maillage/core';
import { ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { LevelBadge, ScrollTable } from './common';
import { OrganisationProposals } from './proposals';
import './ecosystem.css';

function PersonContact({ id, name }: { id: string; name: string }) {
  const { t } = useI18n();
  const [contact, setContact] = useState<PersonContactView | null | 'none'>(null);
  if (contact === null) {
    return (
      <Button
        variant="secondary"
        type="button"
        onClick={() => request('GET /api/ecosystem/people/:id/contact', { params: { id } }).then(setContact, () => setContact('none'))}
      >
        {t('ecosystem.org.showContact', { name })}
      </Button>
    );
  }
  if (contact === 'none' || (!contact.email && !contact.phone)) return <span role="status">{t('ecosystem.org.noContact')}</span>;
  return <span role="status">{t('ecosystem.org.contact', { email: contact.email ?? '—', phone: contact.phone ?? '—' })}</span>;
}

function AssessForm({ organisationId, onSaved }: { organisationId: string; onSaved(): void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<DirectoryView['organisations']>([]);
  const [partnerId, setPartnerId] = useState('');
  const [level, setLevel] = useState('3');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (q.trim().length < 2) return;
    const timer = setTimeout(() => {
      request('GET /api/ecosystem/directory', { query: { q: q.trim(), limit: 20 } }).then(
        (r) => {
          const list = r.organisations.filter((o) => o.id !== organisationId);
          setOptions(list);
          if (list[0] && !list.some((o) => o.id === partnerId)) setPartnerId(list[0].id);
        },
        () => setOptions([]),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [q]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    if (!partnerId) return setError(t('ecosystem.assess.needPartner'));
    setBusy(true);
    setError(null);
    try {
      await request('POST /api/ecosystem/assessments', {
        body: { organisationId, partnerId, level: Number(level), assessedOn: date, note: note.trim() || null },
      });
      setSaved(true);
      setNote('');
      onSaved();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) => (error instanceof ApiError ? error.forField(name) : undefined);
  return (
    <form class="eco-assess" onSubmit={submit} noValidate>
      <h2 id="eco-assess-title">{t('ecosystem.assess.title')}</h2>
      <p>{t('ecosystem.assess.intro')}</p>
      <div class="field">
        <label for="assess-q">{t('ecosystem.assess.partner')}</label>
        <p class="hint" id="assess-q-hint">
          {t('ecosystem.assess.partnerHint')}
        </p>
        <input
          id="assess-q"
          type="search"
          autoComplete="off"
          aria-describedby="assess-q-hint"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <select
          aria-label={t('ecosystem.assess.partner')}
          id="assess-partner"
          value={partnerId}
          onChange={(e) => setPartnerId(e.currentTarget.value)}
        >
          <option value="">{t('ecosystem.assess.choose')}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="assess-level">{t('ecosystem.assess.level')}</label>
        <select id="assess-level" value={level} onChange={(e) => setLevel(e.currentTarget.value)}>
          {[1, 2, 3, 4, 5, 6, 7].map((l) => (
            <option key={l} value={String(l)}>
              {l} · {t(`ecosystem.level.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="assess-date">{t('ecosystem.assess.date')}</label>
        <input
          id="assess-date"
          type="date"
          value={date}
          onInput={(e) => setDate(e.currentTarget.value)}
          aria-invalid={fieldError('assessedOn') ? 'true' : undefined}
        />
        {fieldError('assessedOn') && <p class="field-error">{fieldError('assessedOn')}</p>}
      </div>
      <div class="field">
        <label for="assess-note">{t('ecosystem.assess.note')}</label>
        <textarea id="assess-note" rows={3} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      {error && <Alert>{typeof error === 'string' ? error : error.message}</Alert>}
      {saved && <Alert kind="success">{t('ecosystem.assess.saved')}</Alert>}
      <Button type="submit" busy={busy}>
        {t('ecosystem.assess.submit')}
      </Button>
    </form>
  );
}

/** `/ecosysteme/organisations/:id`: an organisation's card, people, relations and their history. */
export default function OrganisationPage({ params }: { params: Record<string, string> }) {
  const { t, formatDate } = useI18n();
  const { search } = useRouter();
  const [org, setOrg] = useState<OrganisationView | null | 'missing'>(null);
  const load = () =>
    request('GET /api/ecosystem/organisations/:id', { params: { id: params.id ?? '' } }).then(setOrg, (e: ApiError) =>
      setOrg(e.status === 404 ? 'missing' : null),
    );
  useEffect(() => {
    void load();
  }, [params.id]);
  if (org === null) return <p aria-busy="true">{t('ecosystem.org.loading')}</p>;
  if (org === 'missing') return <Alert>{t('ecosystem.org.notFound')}</Alert>;
  const levelName = (l: number | null) => (l === null ? '—' : t(`ecosystem.level.${l}`));
  return (
    <article class="ecosystem eco-card">
      <PageTitle>{org.name}</PageTitle>
      {search.get('modifiee') && <Alert kind="success">{t('ecosystem.edit.saved')}</Alert>}
      {search.get('proposee') && <Alert kind="success">{t('ecosystem.propose.sent')}</Alert>}
      {(org.canEdit || org.canPropose || org.canCurate) && (
        <ul class="eco-actions">
          {org.canEdit && (
            <li>
              <Link href={`/ecosysteme/organisations/${org.id}/modifier`}>{t('ecosystem.edit.link')}</Link>
            </li>
          )}
          {!org.canEdit && org.canPropose && (
            <li>
              <Link href={`/ecosysteme/organisations/${org.id}/proposer`}>{t('ecosystem.propose.link')}</Link>
            </li>
          )}
          {org.canEdit && (
            <li>
              <Link href={`/ecosysteme/personnes/nouvelle?organisation=${org.id}`}>{t('ecosystem.personCreate.link')}</Link>
            </li>
          )}
          {org.canCurate && org.territories[0] && (
            <li>
              <Link href={`/ecosysteme/gestion?territoire=${org.territories[0].id}`}>{t('ecosystem.curate.link')}</Link>
            </li>
          )}
        </ul>
      )}
      {org.description && <p class="lead">{org.description}</p>}
      <section aria-labelledby="eco-identity">
        <h2 id="eco-identity">{t('ecosystem.org.identity')}</h2>
        <dl>
          <dt>{t('ecosystem.org.kind')}</dt>
          <dd>{t(`ecosystem.kind.${org.kind}`)}</dd>
          {org.siret ? (
            <>
              <dt>{t('ecosystem.org.siret')}</dt>
              <dd>{org.siret}</dd>
            </>
          ) : (
            org.siren && (
              <>
                <dt>{t('ecosystem.org.siren')}</dt>
                <dd>{org.siren}</dd>
              </>
            )
          )}
          {org.rna && (
            <>
              <dt>{t('ecosystem.org.rna')}</dt>
              <dd>{org.rna}</dd>
            </>
          )}
          {org.commune && (
            <>
              <dt>{t('ecosystem.org.commune')}</dt>
              <dd>{org.commune.name}</dd>
            </>
          )}
          {org.address && (
            <>
              <dt>{t('ecosystem.org.address')}</dt>
              <dd>{org.address}</dd>
            </>
          )}
          {org.website && (
            <>
              <dt>{t('ecosystem.org.website')}</dt>
              <dd>
                <a href={org.website} rel="noopener noreferrer">
                  {org.website}
                </a>
              </dd>
            </>
          )}
          {org.publicEmail && (
            <>
              <dt>{t('ecosystem.org.publicEmail')}</dt>
              <dd>{org.publicEmail}</dd>
            </>
          )}
          <dt>{t('ecosystem.org.territories')}</dt>
          <dd>{org.territories.map((x) => x.name).join(', ')}</dd>
          <dt>{t('ecosystem.org.themes')}</dt>
          <dd>{org.themes.map((x) => x.label).join(', ') || '—'}</dd>
        </dl>
      </section>
      <section aria-labelledby="eco-people-title">
        <h2 id="eco-people-title">{t('ecosystem.org.people')}</h2>
        {org.people.length === 0 ? (
          <p>{t('ecosystem.org.noPeople')}</p>
        ) : (
          <ul class="eco-results">
            {org.people.map((p) => (
              <li key={p.id}>
                <Link href={`/ecosysteme/personnes/${p.id}`}>{p.name}</Link>
                {p.isResource && <span class="eco-tag">{t('ecosystem.directory.resourceBadge')}</span>}
                <span class="eco-meta">{[p.function, p.resourceFor].filter(Boolean).join(' · ')}</span>
                {p.canSeeContact && <PersonContact id={p.id} name={p.name} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="eco-relations-title">
        <h2 id="eco-relations-title">{t('ecosystem.org.relations')}</h2>
        {org.aggregate.hidden > 0 && <p>{t('ecosystem.org.aggregate', { count: org.aggregate.relations })}</p>}
        {org.aggregate.relations === 0 && <p>{t('ecosystem.org.noRelations')}</p>}
        {org.relations.map((r) => (
          <div class="eco-relation" key={r.partner.id}>
            <h3>
              <Link href={`/ecosysteme/organisations/${r.partner.id}`}>{r.partner.name}</Link> <LevelBadge level={r.level} />
            </h3>
            {r.disagreement && <p>{t('ecosystem.org.disagreement', { own: levelName(r.ownLevel), partner: levelName(r.partnerLevel) })}</p>}
            <ScrollTable label={t('ecosystem.common.table')}>
              <table class="eco-table">
                <caption>{t('ecosystem.org.history', { name: r.partner.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ecosystem.org.historyDate')}</th>
                    <th scope="col">{t('ecosystem.org.historySide')}</th>
                    <th scope="col">{t('ecosystem.org.historyLevel')}</th>
                    <th scope="col">{t('ecosystem.org.historyNote')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.history.map((h) => (
                    <tr key={h.id}>
                      <td>{formatDate(`${h.assessedOn}T12:00:00Z`)}</td>
                      <td>
                        {h.side === 'own' ? t('ecosystem.org.sideOwn') : t('ecosystem.org.sidePartner')}
                        {h.assessedBy ? ` (${h.assessedBy})` : ''}
                      </td>
                      <td>
                        <LevelBadge level={h.level} />
                      </td>
                      <td>{h.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </div>
        ))}
      </section>
      {(org.canPropose || org.canDecide) && <OrganisationProposals organisationId={org.id} onDecided={() => void load()} />}
      {org.canAssess && <AssessForm organisationId={org.id} onSaved={() => void load()} />}
    </article>
  );
}
