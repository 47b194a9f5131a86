import type { ApiEndpoints, EndpointOutput, ObservedChangeView, PathwaySummaryView, PathwayView } from '@maillage/core';
import { OBSERVED_KIND_LABELS, OBSERVED_KINDS, type ObservedKind } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { TerritorySelect, useEcoTerritory } from '../ecosystem/common';
import './evaluation.css';

type Timeline = EndpointOutput<ApiEndpoints['GET /api/observed-changes/timeline']>;

const today = () => new Date().toISOString().slice(0, 10);

/** A textarea with its label, hint and error tied by aria-describedby. */
function Area({
  id,
  label,
  hint,
  value,
  error,
  onInput,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string | undefined;
  onInput(v: string): void;
}) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        value={value}
        maxLength={2000}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** « Noter un changement observé »: who changed, what (a kind), the evidence, why it matters, how we contributed. */
function RecordForm({ territoryId, onDone }: { territoryId: string; onDone: () => void }) {
  const { t, locale } = useI18n();
  const empty = {
    observedOn: today(),
    actorName: '',
    kind: 'pratique' as ObservedKind,
    description: '',
    evidence: '',
    significance: '',
    contribution: '',
  };
  const [form, setForm] = useState(empty);
  const [saved, setSaved] = useState<string>();
  const set = (key: keyof typeof empty) => (v: string) => setForm((f) => ({ ...f, [key]: v }));
  const { busy, error, run } = useSubmit(async () => {
    setSaved(undefined);
    await request('POST /api/observed-changes', {
      body: { territoryId, collectiveId: null, actorOrganisationId: null, ...form },
    });
    setSaved(t('evaluation.observed.saved'));
    setForm({ ...empty, observedOn: form.observedOn });
    onDone();
  });
  return (
    <form class="card" onSubmit={run} noValidate aria-labelledby="observed-form-title">
      <h2 id="observed-form-title">{t('evaluation.observed.record')}</h2>
      {error && !error.fieldErrors.length && <Alert>{error.message}</Alert>}
      {error && error.fieldErrors.length > 0 && <Alert>{t('evaluation.observed.fix')}</Alert>}
      {saved && <Alert kind="success">{saved}</Alert>}
      <Field
        label={t('evaluation.observed.on')}
        name="observedOn"
        type="date"
        value={form.observedOn}
        required
        error={error?.forField('observedOn')}
        onInput={(e) => set('observedOn')(e.currentTarget.value)}
      />
      <Field
        label={t('evaluation.observed.actor')}
        hint={t('evaluation.observed.actorHint')}
        name="actorName"
        value={form.actorName}
        required
        maxLength={200}
        autocomplete="off"
        error={error?.forField('actorName')}
        onInput={(e) => set('actorName')(e.currentTarget.value)}
      />
      <fieldset class="kind-choices">
        <legend>{t('evaluation.observed.kind')}</legend>
        {OBSERVED_KINDS.map((k) => (
          <label key={k}>
            <input type="radio" name="kind" value={k} checked={form.kind === k} onChange={() => set('kind')(k)} />
            {OBSERVED_KIND_LABELS[k][locale]}
          </label>
        ))}
      </fieldset>
      <Area
        id="observed-description"
        label={t('evaluation.observed.description')}
        hint={t('evaluation.observed.descriptionHint')}
        value={form.description}
        error={error?.forField('description')}
        onInput={set('description')}
      />
      <Area
        id="observed-evidence"
        label={t('evaluation.observed.evidence')}
        value={form.evidence}
        error={error?.forField('evidence')}
        onInput={set('evidence')}
      />
      <Area
        id="observed-significance"
        label={t('evaluation.observed.significance')}
        value={form.significance}
        error={error?.forField('significance')}
        onInput={set('significance')}
      />
      <Area
        id="observed-contribution"
        label={t('evaluation.observed.contribution')}
        value={form.contribution}
        error={error?.forField('contribution')}
        onInput={set('contribution')}
      />
      <Button type="submit" busy={busy}>
        {t('evaluation.observed.submit')}
      </Button>
    </form>
  );
}

/** Ties an observation to the change of a pathway it shows (or unties it). */
function Attach({ item, pathways, onDone }: { item: ObservedChangeView; pathways: PathwaySummaryView[]; onDone: () => void }) {
  const { t } = useI18n();
  const [pathwayId, setPathwayId] = useState(item.change?.pathwayId ?? pathways[0]?.id ?? '');
  const [pathway, setPathway] = useState<PathwayView>();
  const [changeId, setChangeId] = useState(item.change?.changeId ?? '');
  useEffect(() => {
    if (!pathwayId) return;
    request('GET /api/pathways/:id', { params: { id: pathwayId } })
      .then((p) => {
        setPathway(p);
        setChangeId((c) => (p.changes.some((x) => x.id === c) ? c : (p.changes[0]?.id ?? '')));
      })
      .catch(() => setPathway(undefined));
  }, [pathwayId]);
  const { busy, error, run } = useSubmit(async () => {
    await request('PUT /api/observed-changes/:id/change', { params: { id: item.id }, body: { pathwayId, changeId } });
    onDone();
  });
  const detach = useSubmit(async () => {
    await request('PUT /api/observed-changes/:id/change', { params: { id: item.id }, body: { pathwayId: null, changeId: null } });
    onDone();
  });
  if (!pathways.length) return <p class="muted">{t('evaluation.observed.noPathway')}</p>;
  const base = `attach-${item.id}`;
  return (
    <details class="attach">
      <summary>{item.change ? t('evaluation.observed.reattach') : t('evaluation.observed.attach')}</summary>
      <form noValidate class="inline-form" onSubmit={run} aria-label={t('evaluation.observed.attachForm')}>
        {(error || detach.error) && <Alert>{(error ?? detach.error)?.message}</Alert>}
        <div class="field">
          <label for={`${base}-pathway`}>{t('evaluation.observed.pathway')}</label>
          <select id={`${base}-pathway`} value={pathwayId} onChange={(e) => setPathwayId(e.currentTarget.value)}>
            {pathways.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${base}-change`}>{t('evaluation.observed.change')}</label>
          <select id={`${base}-change`} value={changeId} onChange={(e) => setChangeId(e.currentTarget.value)}>
            {pathway?.changes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.text}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary" busy={busy} disabled={!changeId}>
          {t('evaluation.observed.attachSubmit')}
        </Button>
        {item.change && (
          <Button type="button" variant="secondary" busy={detach.busy} onClick={() => void detach.run()}>
            {t('evaluation.observed.detach')}
          </Button>
        )}
      </form>
    </details>
  );
}

/** `/indicateurs/changements-observes`: the territory's observed changes month by month, and a form to note one. */
export default function ObservedChangesPage() {
  const { t, locale, formatDate } = useI18n();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [timeline, setTimeline] = useState<Timeline>();
  const [pathways, setPathways] = useState<PathwaySummaryView[]>([]);
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const day = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? d : '');
  useEffect(() => {
    if (!territoryId) return;
    setError(undefined);
    request('GET /api/observed-changes/timeline', {
      query: { territoryId, ...(day(from) ? { from: day(from) } : {}), ...(day(to) ? { to: day(to) } : {}) },
    })
      .then(setTimeline)
      .catch((e: Error) => setError(e.message || t('common.error')));
  }, [territoryId, version, day(from), day(to)]);
  useEffect(() => {
    if (!territoryId) return;
    request('GET /api/pathways', { query: { territoryId } })
      .then(setPathways)
      .catch(() => setPathways([]));
  }, [territoryId]);
  const max = Math.max(1, ...(timeline ?? []).map((m) => m.items.length));
  const monthName = (month: string) => {
    const name = formatDate(`${month}-15T12:00:00Z`, { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
    return name.charAt(0).toUpperCase() + name.slice(1);
  };
  return (
    <div class="evaluation">
      <p>
        <Link href="/indicateurs">{t('evaluation.back')}</Link>
      </p>
      <PageTitle>{t('evaluation.observed.title')}</PageTitle>
      <p>{t('evaluation.observed.intro')}</p>
      {!territoryId && <Alert kind="info">{t('ecosystem.territory.none')}</Alert>}
      {options.length > 1 && (
        <form noValidate class="inline-form" onSubmit={(e) => e.preventDefault()}>
          <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />
        </form>
      )}
      {territoryId && <RecordForm territoryId={territoryId} onDone={() => setVersion((v) => v + 1)} />}
      {territoryId && (
        <form noValidate class="inline-form" onSubmit={(e) => e.preventDefault()} aria-label={t('evaluation.observed.filter')}>
          <div class="field">
            <label for="observed-from">{t('evaluation.observed.from')}</label>
            <input id="observed-from" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="observed-to">{t('evaluation.observed.to')}</label>
            <input id="observed-to" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </div>
        </form>
      )}
      {error && <Alert>{error}</Alert>}
      {territoryId && !timeline && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {timeline?.length === 0 && <p>{t('evaluation.observed.none')}</p>}
      {timeline && timeline.length > 0 && (
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('evaluation.observed.timeline')}</h2>
          <ol class="observed-timeline">
            {timeline.map((m) => (
              <li key={m.month}>
                <h3>
                  {monthName(m.month)} <span class="muted">· {t('evaluation.observed.count', { count: m.items.length })}</span>
                </h3>
                <p class="kind-bar" aria-hidden="true">
                  {OBSERVED_KINDS.filter((k) => m.counts[k] > 0).map((k) => (
                    <span key={k} class={`kind-${k}`} style={{ width: `${(m.counts[k] / max) * 100}%` }} />
                  ))}
                </p>
                <p class="muted">
                  {OBSERVED_KINDS.filter((k) => m.counts[k] > 0)
                    .map((k) => `${OBSERVED_KIND_LABELS[k][locale]} : ${m.counts[k]}`)
                    .join(' · ')}
                </p>
                <ul class="observed-list">
                  {m.items.map((o) => (
                    <li key={o.id} class="card">
                      <p>
                        <span class={`kind-tag kind-${o.kind}`}>{OBSERVED_KIND_LABELS[o.kind][locale]}</span> · {formatDate(o.observedOn)} ·{' '}
                        <strong>{o.actor.name}</strong>
                        {o.collective && ` · ${o.collective.name}`}
                      </p>
                      <p>{o.description}</p>
                      <dl class="indicator-facts">
                        {o.evidence && (
                          <>
                            <dt>{t('evaluation.observed.evidence')}</dt>
                            <dd>{o.evidence}</dd>
                          </>
                        )}
                        {o.significance && (
                          <>
                            <dt>{t('evaluation.observed.significance')}</dt>
                            <dd>{o.significance}</dd>
                          </>
                        )}
                        {o.contribution && (
                          <>
                            <dt>{t('evaluation.observed.contribution')}</dt>
                            <dd>{o.contribution}</dd>
                          </>
                        )}
                        {o.change && (
                          <>
                            <dt>{t('evaluation.observed.shows')}</dt>
                            <dd>
                              <Link href={`/chemins/${o.change.pathwayId}`}>{o.change.pathwayTitle}</Link> — « {o.change.text} »
                            </dd>
                          </>
                        )}
                      </dl>
                      <Attach item={o} pathways={pathways} onDone={() => setVersion((v) => v + 1)} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
