import { FREQUENCIES, type IndicatorView } from '@maillage/core';
import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import type { Pathway } from './common';

type Frequency = (typeof FREQUENCIES)[number];

const empty = {
  changeId: '',
  name: '',
  unit: '',
  source: '',
  method: '',
  frequency: 'annuelle' as Frequency,
  reporter: '',
  baselineValue: '',
  baselineYear: '',
  targetValue: '',
  targetYear: '',
};
type Draft = typeof empty;

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s.replace(',', '.')));
const toDraft = (i: IndicatorView): Draft => ({
  changeId: i.changeId ?? '',
  name: i.name,
  unit: i.unit,
  source: i.source,
  method: i.method,
  frequency: i.frequency as Frequency,
  reporter: i.reporter,
  baselineValue: i.baselineValue?.toString() ?? '',
  baselineYear: i.baselineYear?.toString() ?? '',
  targetValue: i.targetValue?.toString() ?? '',
  targetYear: i.targetYear?.toString() ?? '',
});

/** The form of an indicator, new or edited; each field shows its own error under it. */
function IndicatorForm({ pathway, editing, onSaved }: { pathway: Pathway; editing?: IndicatorView; onSaved: (p: Pathway) => void }) {
  const { t } = useI18n();
  const [d, setD] = useState<Draft>(editing ? toDraft(editing) : empty);
  const set = (k: keyof Draft) => (e: { currentTarget: { value: string } }) => setD({ ...d, [k]: e.currentTarget.value });
  const { busy, error, run } = useSubmit(async () => {
    const body = {
      changeId: d.changeId || null,
      name: d.name,
      unit: d.unit,
      source: d.source,
      method: d.method,
      frequency: d.frequency,
      reporter: d.reporter,
      baselineValue: num(d.baselineValue),
      baselineYear: num(d.baselineYear),
      targetValue: num(d.targetValue),
      targetYear: num(d.targetYear),
    };
    const next = editing
      ? await request('PUT /api/pathways/:id/indicators/:indicatorId', { params: { id: pathway.id, indicatorId: editing.id }, body })
      : await request('POST /api/pathways/:id/indicators', { params: { id: pathway.id }, body });
    if (!editing) setD(empty);
    onSaved(next);
  });
  const prefix = editing ? `ind-${editing.id}` : 'ind-new';
  return (
    <form
      onSubmit={run}
      noValidate
      class="indicator-form"
      aria-label={editing ? t('pathways.indicators.edit') : t('pathways.indicators.add')}
    >
      {error && !error.fieldErrors.length && <Alert>{error.message}</Alert>}
      {error && error.fieldErrors.length > 0 && <Alert>{t('pathways.fixFields')}</Alert>}
      <div class="field">
        <label for={`${prefix}-change`}>{t('pathways.indicators.change')}</label>
        <select id={`${prefix}-change`} value={d.changeId} onChange={set('changeId')}>
          <option value="">{t('pathways.indicators.wholePathway')}</option>
          {pathway.changes.map((c) => (
            <option key={c.id} value={c.id}>
              {t(`pathways.horizon.${c.horizon}`)} — {c.text.slice(0, 80)}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('pathways.indicators.name')} name="name" value={d.name} error={error?.forField('name')} onInput={set('name')} />
      <Field label={t('pathways.indicators.unit')} name="unit" value={d.unit} error={error?.forField('unit')} onInput={set('unit')} />
      <Field
        label={t('pathways.indicators.source')}
        name="source"
        value={d.source}
        error={error?.forField('source')}
        onInput={set('source')}
      />
      <Field
        label={t('pathways.indicators.method')}
        name="method"
        value={d.method}
        error={error?.forField('method')}
        onInput={set('method')}
      />
      <div class="field">
        <label for={`${prefix}-frequency`}>{t('pathways.indicators.frequency')}</label>
        <select id={`${prefix}-frequency`} value={d.frequency} onChange={set('frequency')}>
          {FREQUENCIES.map((f) => (
            <option key={f} value={f}>
              {t(`pathways.frequency.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <Field
        label={t('pathways.indicators.reporter')}
        name="reporter"
        value={d.reporter}
        error={error?.forField('reporter')}
        onInput={set('reporter')}
      />
      <div class="field-row">
        <Field
          label={t('pathways.indicators.baselineValue')}
          name="baselineValue"
          inputMode="decimal"
          value={d.baselineValue}
          error={error?.forField('baselineValue')}
          onInput={set('baselineValue')}
        />
        <Field
          label={t('pathways.indicators.baselineYear')}
          name="baselineYear"
          inputMode="numeric"
          value={d.baselineYear}
          error={error?.forField('baselineYear')}
          onInput={set('baselineYear')}
        />
        <Field
          label={t('pathways.indicators.targetValue')}
          name="targetValue"
          inputMode="decimal"
          value={d.targetValue}
          error={error?.forField('targetValue')}
          onInput={set('targetValue')}
        />
        <Field
          label={t('pathways.indicators.targetYear')}
          name="targetYear"
          inputMode="numeric"
          value={d.targetYear}
          error={error?.forField('targetYear')}
          onInput={set('targetYear')}
        />
      </div>
      <Button type="submit" busy={busy}>
        {editing ? t('pathways.indicators.save') : t('pathways.indicators.add')}
      </Button>
    </form>
  );
}

/** The pathway's indicators: name, unit, baseline and target, who reports how often; add, edit, delete. */
export function Indicators({ pathway, onSaved }: { pathway: Pathway; onSaved: (p: Pathway) => void }) {
  const { t, formatNumber } = useI18n();
  const [editing, setEditing] = useState<string>();
  const textOf = new Map(pathway.changes.map((c) => [c.id, c.text]));
  const value = (v: number | null, y: number | null, unit: string) =>
    v === null ? t('pathways.indicators.unknown') : `${formatNumber(v)} ${unit}${y !== null ? ` (${y})` : ''}`;
  return (
    <section aria-labelledby="indicators-title" class="card">
      <h2 id="indicators-title">{t('pathways.indicators.title')}</h2>
      {pathway.indicators.length === 0 && <p>{t('pathways.indicators.none')}</p>}
      <ul class="indicators">
        {pathway.indicators.map((i) => (
          <li key={i.id}>
            <h3>{i.name}</h3>
            <p>
              {i.changeId ? t('pathways.indicators.of', { text: textOf.get(i.changeId) ?? '' }) : t('pathways.indicators.wholePathway')}
            </p>
            <dl>
              <dt>{t('pathways.indicators.baseline')}</dt>
              <dd>{value(i.baselineValue, i.baselineYear, i.unit)}</dd>
              <dt>{t('pathways.indicators.target')}</dt>
              <dd>{value(i.targetValue, i.targetYear, i.unit)}</dd>
              <dt>{t('pathways.indicators.frequency')}</dt>
              <dd>{t(`pathways.frequency.${i.frequency}`)}</dd>
              {i.source && (
                <>
                  <dt>{t('pathways.indicators.source')}</dt>
                  <dd>{i.source}</dd>
                </>
              )}
              {i.reporter && (
                <>
                  <dt>{t('pathways.indicators.reporter')}</dt>
                  <dd>{i.reporter}</dd>
                </>
              )}
            </dl>
            {pathway.may.edit && (
              <p class="actions">
                <button
                  type="button"
                  class="btn btn-secondary"
                  aria-expanded={editing === i.id}
                  onClick={() => setEditing(editing === i.id ? undefined : i.id)}
                >
                  {t('pathways.indicators.edit')}
                  <span class="visually-hidden"> {i.name}</span>
                </button>
                <button
                  type="button"
                  class="btn btn-secondary"
                  onClick={async () =>
                    onSaved(
                      await request('DELETE /api/pathways/:id/indicators/:indicatorId', { params: { id: pathway.id, indicatorId: i.id } }),
                    )
                  }
                >
                  {t('pathways.indicators.delete')}
                  <span class="visually-hidden"> {i.name}</span>
                </button>
              </p>
            )}
            {editing === i.id && (
              <IndicatorForm
                pathway={pathway}
                editing={i}
                onSaved={(p) => {
                  setEditing(undefined);
                  onSaved(p);
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {pathway.may.edit && (
        <details>
          <summary>{t('pathways.indicators.add')}</summary>
          <IndicatorForm pathway={pathway} onSaved={onSaved} />
        </details>
      )}
    </section>
  );
}
