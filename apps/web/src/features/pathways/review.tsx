import { type Light, LIGHTS } from '@maillage/core';
import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { LIGHT_SYMBOLS, LightTag, type Pathway, today } from './common';

/**
 * A review (revue) of the pathway: each change gets one of the four traffic lights, each with its
 * word and its symbol, and a comment; the earlier reviews below.
 */
export function Review({ pathway, onSaved }: { pathway: Pathway; onSaved: (p: Pathway) => void }) {
  const { t, formatDate } = useI18n();
  const [heldOn, setHeldOn] = useState(today());
  const [summary, setSummary] = useState('');
  const [lights, setLights] = useState<Record<string, { light?: Light; comment: string }>>({});
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit(async () => {
    setDone(false);
    const next = await request('POST /api/pathways/:id/reviews', {
      params: { id: pathway.id },
      body: {
        heldOn,
        summary,
        lights: Object.entries(lights).flatMap(([changeId, v]) => (v.light ? [{ changeId, light: v.light, comment: v.comment }] : [])),
      },
    });
    setLights({});
    setSummary('');
    setDone(true);
    onSaved(next);
  });
  const textOf = new Map(pathway.changes.map((c) => [c.id, c.text]));
  return (
    <section aria-labelledby="review-title" class="card">
      <h2 id="review-title">{t('pathways.review.title')}</h2>
      {pathway.may.edit && pathway.changes.length > 0 && (
        <form onSubmit={run} noValidate>
          {error && <Alert>{error.fieldErrors.length ? t('pathways.fixFields') : error.message}</Alert>}
          {done && <Alert kind="success">{t('pathways.review.saved')}</Alert>}
          <Field
            label={t('pathways.review.heldOn')}
            name="heldOn"
            type="date"
            value={heldOn}
            error={error?.forField('heldOn')}
            onInput={(e) => setHeldOn(e.currentTarget.value)}
          />
          {pathway.changes.map((c, index) => {
            const v = lights[c.id] ?? { comment: '' };
            return (
              <fieldset key={c.id} class="review-change">
                <legend>{c.text}</legend>
                <div class="lights">
                  {LIGHTS.map((l) => (
                    <label key={l} class={`choice light-${l}`}>
                      <input
                        type="radio"
                        name={`light-${index}`}
                        checked={v.light === l}
                        onChange={() => setLights({ ...lights, [c.id]: { ...v, light: l } })}
                      />{' '}
                      <span aria-hidden="true">{LIGHT_SYMBOLS[l]}</span> {t(`pathways.light.${l}`)}
                    </label>
                  ))}
                </div>
                <div class="field">
                  <label for={`light-comment-${index}`}>{t('pathways.review.comment')}</label>
                  <input
                    id={`light-comment-${index}`}
                    value={v.comment}
                    onInput={(e) => setLights({ ...lights, [c.id]: { ...v, comment: e.currentTarget.value } })}
                  />
                </div>
              </fieldset>
            );
          })}
          <div class="field">
            <label for="review-summary">{t('pathways.review.summary')}</label>
            <textarea id="review-summary" rows={3} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
          </div>
          <Button type="submit" busy={busy}>
            {t('pathways.review.submit')}
          </Button>
        </form>
      )}
      {pathway.reviews.length === 0 && <p>{t('pathways.review.none')}</p>}
      {[...pathway.reviews].reverse().map((r) => (
        <article key={r.id} class="review">
          <h3>{t('pathways.review.of', { date: formatDate(`${r.heldOn}T12:00:00Z`) })}</h3>
          {r.summary && <p>{r.summary}</p>}
          <ul>
            {r.lights.map((l) => (
              <li key={l.changeId}>
                <LightTag light={l.light} /> — {textOf.get(l.changeId) ?? t('pathways.review.deletedChange')}
                {l.comment && <> : {l.comment}</>}
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
