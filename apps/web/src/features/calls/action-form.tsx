import type { ApplicationAction, ApplicationView, CallView } from '@maillage/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { asApiError, problemMessage } from './common';

const CATEGORIES = ['salaries', 'benevoles', 'volontaires', 'mises_a_disposition'] as const;
type Category = (typeof CATEGORIES)[number];

/** ETPT in hundredths as people write it (`1,5`), and back. */
const etptText = (h: number) => (h / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 });
const etptOf = (s: string) => {
  const n = Number(s.replace(',', '.').trim() || '0');
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : -1;
};

/**
 * The action of the CERFA 12156 (section 6): title, one to three objectives, description,
 * beneficiaries and their share in QPV, territories, dates, human means, the pathway change it
 * serves, indicators. Pre-filled from the collective by the server when the draft was made.
 */
export function ActionForm({
  app,
  call,
  onSave,
}: {
  app: ApplicationView;
  call: CallView | undefined;
  onSave(action: ApplicationAction, partnerOrganisationIds: string[]): Promise<void>;
}) {
  const { t, formatDate } = useI18n();
  const a = app.action;
  const [title, setTitle] = useState(a.title);
  const [objectives, setObjectives] = useState<string[]>([0, 1, 2].map((i) => a.objectives[i] ?? ''));
  const [description, setDescription] = useState(a.description);
  const [count, setCount] = useState(String(a.beneficiaries.count));
  const [qpv, setQpv] = useState(String(a.beneficiaries.qpvSharePercent));
  const [publics, setPublics] = useState(a.beneficiaries.publics);
  const [territoryIds, setTerritoryIds] = useState<string[]>(a.territoryIds);
  const [startsOn, setStartsOn] = useState(a.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(a.endsOn ?? '');
  const [means, setMeans] = useState<Record<Category, { people: string; etpt: string }>>(
    () =>
      Object.fromEntries(
        CATEGORIES.map((c) => {
          const m = a.humanMeans.find((x) => x.category === c);
          return [c, { people: m ? String(m.people) : '', etpt: m ? etptText(m.etptHundredths) : '' }];
        }),
      ) as Record<Category, { people: string; etpt: string }>,
  );
  const [changeId, setChangeId] = useState(a.changeId ?? '');
  const [indicators, setIndicators] = useState(a.indicators.length ? a.indicators : [{ name: '', target: '' }]);
  const [frequency, setFrequency] = useState(a.frequency);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof asApiError>>();
  const [saved, setSaved] = useState(false);

  const places = [
    ...(call?.eligibleTerritories ?? []),
    ...app.territories.filter((x) => !(call?.eligibleTerritories ?? []).some((y) => y.id === x.id)),
  ];
  const changes = [
    ...(call?.priorities.flatMap((p) => (p.change ? [p.change] : [])) ?? []),
    ...(app.change && !call?.priorities.some((p) => p.change?.id === app.change?.id) ? [app.change] : []),
  ];

  if (!app.may.edit) {
    return (
      <div class="card">
        <dl class="facts">
          <dt>{t('calls.action.objectives')}</dt>
          <dd>
            <ul>
              {a.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </dd>
          <dt>{t('calls.action.description')}</dt>
          <dd>{a.description || '—'}</dd>
          <dt>{t('calls.action.beneficiaries')}</dt>
          <dd>{t('calls.action.beneficiariesSaid', { count: a.beneficiaries.count, share: a.beneficiaries.qpvSharePercent })}</dd>
          <dt>{t('calls.action.territories')}</dt>
          <dd>{app.territories.map((x) => x.name).join(', ') || '—'}</dd>
          <dt>{t('calls.action.dates')}</dt>
          <dd>
            {a.startsOn && a.endsOn
              ? t('calls.action.datesSaid', { start: formatDate(`${a.startsOn}T12:00:00Z`), end: formatDate(`${a.endsOn}T12:00:00Z`) })
              : '—'}
          </dd>
          <dt>{t('calls.action.change')}</dt>
          <dd>{app.change?.text ?? '—'}</dd>
        </dl>
      </div>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const humanMeans = CATEGORIES.flatMap((c) => {
        const m = means[c];
        if (!m.people.trim() && !m.etpt.trim()) return [];
        return [{ category: c, people: Number(m.people || '0'), etptHundredths: etptOf(m.etpt) }];
      });
      await onSave(
        {
          title,
          objectives: objectives.map((o) => o.trim()).filter(Boolean),
          description,
          beneficiaries: { count: Number(count || '0'), qpvSharePercent: Number(qpv || '0'), publics },
          territoryIds,
          startsOn: startsOn || null,
          endsOn: endsOn || null,
          humanMeans,
          changeId: changeId || null,
          indicators: indicators.filter((i) => i.name.trim()),
          frequency,
        },
        app.structures.filter((s) => s.role === 'partner').map((s) => s.organisationId),
      );
      setSaved(true);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) => error?.fieldErrors.find((f) => f.field.startsWith(`body.action.${name}`))?.message;
  return (
    <form noValidate class="card action-form" onSubmit={submit}>
      {error && <Alert>{problemMessage(error, t('common.offline'))}</Alert>}
      {saved && <Alert kind="success">{t('calls.action.saved')}</Alert>}
      <div class="field">
        <label for="action-title-input">{t('calls.action.name')}</label>
        <input
          id="action-title-input"
          value={title}
          maxLength={200}
          aria-invalid={fieldError('title') ? 'true' : undefined}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        {fieldError('title') && <p class="field-error">{fieldError('title')}</p>}
      </div>
      <fieldset>
        <legend>{t('calls.action.objectives')}</legend>
        <p class="hint">{t('calls.action.objectivesHint')}</p>
        {objectives.map((o, i) => (
          <div key={i} class="field">
            <label for={`objective-${i}`}>{t('calls.action.objective', { n: i + 1 })}</label>
            <input
              id={`objective-${i}`}
              value={o}
              onInput={(e) => setObjectives((os) => os.map((x, j) => (j === i ? e.currentTarget.value : x)))}
            />
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for="action-description">{t('calls.action.description')}</label>
        <textarea id="action-description" rows={6} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <fieldset>
        <legend>{t('calls.action.beneficiaries')}</legend>
        <div class="row-fields">
          <div class="field">
            <label for="beneficiaries-count">{t('calls.action.count')}</label>
            <input id="beneficiaries-count" inputMode="numeric" value={count} onInput={(e) => setCount(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="beneficiaries-qpv">{t('calls.action.qpvShare')}</label>
            <input id="beneficiaries-qpv" inputMode="numeric" value={qpv} onInput={(e) => setQpv(e.currentTarget.value)} />
          </div>
        </div>
        <div class="field">
          <label for="beneficiaries-publics">{t('calls.action.publics')}</label>
          <textarea id="beneficiaries-publics" rows={2} value={publics} onInput={(e) => setPublics(e.currentTarget.value)} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('calls.action.territories')}</legend>
        <div class="check-grid">
          {places.map((x) => (
            <label key={x.id} class="choice">
              <input
                type="checkbox"
                checked={territoryIds.includes(x.id)}
                onChange={(e) => setTerritoryIds((ids) => (e.currentTarget.checked ? [...ids, x.id] : ids.filter((y) => y !== x.id)))}
              />{' '}
              {x.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="row-fields">
        <div class="field">
          <label for="action-starts">{t('calls.action.startsOn')}</label>
          <input id="action-starts" type="date" value={startsOn} onInput={(e) => setStartsOn(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="action-ends">{t('calls.action.endsOn')}</label>
          <input id="action-ends" type="date" value={endsOn} onInput={(e) => setEndsOn(e.currentTarget.value)} />
        </div>
      </div>
      <fieldset>
        <legend>{t('calls.action.humanMeans')}</legend>
        {CATEGORIES.map((c) => (
          <div key={c} class="row-fields">
            <div class="field">
              <label for={`means-${c}-people`}>{t('calls.action.people', { category: t(`calls.means.${c}`) })}</label>
              <input
                id={`means-${c}-people`}
                inputMode="numeric"
                value={means[c].people}
                onInput={(e) => setMeans((m) => ({ ...m, [c]: { ...m[c], people: e.currentTarget.value } }))}
              />
            </div>
            <div class="field">
              <label for={`means-${c}-etpt`}>{t('calls.action.etpt', { category: t(`calls.means.${c}`) })}</label>
              <input
                id={`means-${c}-etpt`}
                inputMode="decimal"
                value={means[c].etpt}
                onInput={(e) => setMeans((m) => ({ ...m, [c]: { ...m[c], etpt: e.currentTarget.value } }))}
              />
            </div>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for="action-change">{t('calls.action.change')}</label>
        <select id="action-change" value={changeId} onChange={(e) => setChangeId(e.currentTarget.value)}>
          <option value="">{t('calls.edit.noChange')}</option>
          {changes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.text}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('calls.action.indicators')}</legend>
        {indicators.map((ind, i) => (
          <div key={i} class="row-fields">
            <div class="field">
              <label for={`indicator-${i}`}>{t('calls.action.indicator', { n: i + 1 })}</label>
              <input
                id={`indicator-${i}`}
                value={ind.name}
                onInput={(e) => setIndicators((xs) => xs.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))}
              />
            </div>
            <div class="field">
              <label for={`indicator-target-${i}`}>{t('calls.action.target')}</label>
              <input
                id={`indicator-target-${i}`}
                value={ind.target}
                onInput={(e) => setIndicators((xs) => xs.map((x, j) => (j === i ? { ...x, target: e.currentTarget.value } : x)))}
              />
            </div>
          </div>
        ))}
        <Button type="button" variant="secondary" onClick={() => setIndicators((xs) => [...xs, { name: '', target: '' }])}>
          {t('calls.action.addIndicator')}
        </Button>
      </fieldset>
      <fieldset>
        <legend>{t('calls.action.frequency')}</legend>
        {(['premiere', 'renouvellement'] as const).map((f) => (
          <label key={f} class="choice">
            <input type="radio" name="frequency" checked={frequency === f} onChange={() => setFrequency(f)} /> {t(`calls.frequency.${f}`)}
          </label>
        ))}
      </fieldset>
      <Button type="submit" busy={busy}>
        {t('calls.action.save')}
      </Button>
    </form>
  );
}
