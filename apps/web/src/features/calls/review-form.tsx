import { APPRECIATIONS, type Appreciation, type ApplicationReviewView, REVIEW_CRITERIA, type ReviewCriterion } from '@maillage/core';
import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { euros, problemMessage } from './common';
import { formatEurosInput, parseEuros } from './money';

/**
 * A reviewer's grid for one funder: dossier complet, bilan N-1 reçu, éligibilité, the five
 * criteria marked 1 to 4, the opinion, a comment and the amount proposed (typed in euros).
 */
export function ReviewForm({
  callId,
  applicationId,
  cofunderId,
  cofunderName,
  existing,
  onSaved,
}: {
  callId: string;
  applicationId: string;
  cofunderId: string;
  cofunderName: string;
  existing: ApplicationReviewView | undefined;
  onSaved(review: ApplicationReviewView): void;
}) {
  const { t } = useI18n();
  const prefix = `review-${cofunderId}`;
  const [complete, setComplete] = useState(existing?.complete ?? false);
  const [bilan, setBilan] = useState<string>(
    existing?.bilanReceived === undefined || existing?.bilanReceived === null ? '' : String(existing.bilanReceived),
  );
  const [eligible, setEligible] = useState(existing?.eligible ?? false);
  const [criteria, setCriteria] = useState<Record<ReviewCriterion, number | null>>(
    () =>
      Object.fromEntries(REVIEW_CRITERIA.map((k) => [k, (existing?.criteria[k] as number | null | undefined) ?? null])) as Record<
        ReviewCriterion,
        number | null
      >,
  );
  const [appreciation, setAppreciation] = useState<Appreciation | ''>(existing?.appreciation ?? '');
  const [comment, setComment] = useState(existing?.comment ?? '');
  const [amount, setAmount] = useState(existing?.proposedCents != null ? formatEurosInput(existing.proposedCents) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const parsed = parseEuros(amount);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!parsed.ok) {
      setError(t('calls.review.badAmount', { reason: t(`calls.budget.reason.${parsed.reason}`) }));
      return;
    }
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const review = await request('PUT /api/calls/:callId/applications/:applicationId/reviews/:cofunderId', {
        params: { callId, applicationId, cofunderId },
        body: {
          complete,
          bilanReceived: bilan === '' ? null : bilan === 'true',
          eligible,
          criteria,
          appreciation: appreciation || null,
          comment,
          proposedCents: amount.trim() === '' ? null : parsed.cents,
        },
      });
      onSaved(review);
      setSaved(true);
    } catch (err) {
      setError(problemMessage(err, t('common.offline')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate class="card review-form" onSubmit={submit} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('calls.review.title', { name: cofunderName })}</h3>
      {error && <Alert>{error}</Alert>}
      {saved && <Alert kind="success">{t('calls.review.saved')}</Alert>}
      <label class="choice">
        <input type="checkbox" checked={complete} onChange={(e) => setComplete(e.currentTarget.checked)} /> {t('calls.review.complete')}
      </label>
      <div class="field">
        <label for={`${prefix}-bilan`}>{t('calls.review.bilan')}</label>
        <select id={`${prefix}-bilan`} value={bilan} onChange={(e) => setBilan(e.currentTarget.value)}>
          <option value="">{t('calls.review.notApplicable')}</option>
          <option value="true">{t('calls.yes')}</option>
          <option value="false">{t('calls.no')}</option>
        </select>
      </div>
      <label class="choice">
        <input type="checkbox" checked={eligible} onChange={(e) => setEligible(e.currentTarget.checked)} /> {t('calls.review.eligible')}
      </label>
      <fieldset>
        <legend>{t('calls.review.criteria')}</legend>
        <p class="hint">{t('calls.review.scale')}</p>
        {REVIEW_CRITERIA.map((k) => (
          <div key={k} class="field">
            <label for={`${prefix}-${k}`}>{t(`calls.criterion.${k}`)}</label>
            <select
              id={`${prefix}-${k}`}
              value={criteria[k] === null ? '' : String(criteria[k])}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setCriteria((c) => ({ ...c, [k]: v === '' ? null : Number(v) }));
              }}
            >
              <option value="">—</option>
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={String(n)}>
                  {t(`calls.review.mark.${n}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for={`${prefix}-appreciation`}>{t('calls.review.appreciation')}</label>
        <select
          id={`${prefix}-appreciation`}
          value={appreciation}
          onChange={(e) => setAppreciation(e.currentTarget.value as Appreciation | '')}
        >
          <option value="">—</option>
          {APPRECIATIONS.map((a) => (
            <option key={a} value={a}>
              {t(`calls.appreciation.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${prefix}-comment`}>{t('calls.review.comment')}</label>
        <textarea id={`${prefix}-comment`} rows={4} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={`${prefix}-amount`}>{t('calls.review.proposed')}</label>
        <input
          id={`${prefix}-amount`}
          inputMode="decimal"
          value={amount}
          aria-invalid={parsed.ok ? undefined : 'true'}
          aria-describedby={`${prefix}-amount-said`}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
        <p class="hint" id={`${prefix}-amount-said`} aria-live="polite">
          {parsed.ok ? euros(parsed.cents) : t(`calls.budget.reason.${parsed.reason}`)}
        </p>
      </div>
      <Button type="submit" busy={busy}>
        {t('calls.review.save')}
      </Button>
    </form>
  );
}

/** The reviews the caller may read (their funder's, every funder's at the committee). */
export function ReviewsList({ reviews }: { reviews: readonly ApplicationReviewView[] }) {
  const { t } = useI18n();
  if (reviews.length === 0) return null;
  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">{t('calls.reviews.title')}</h2>
      <ul class="reviews">
        {reviews.map((r) => (
          <li key={r.id} class="card">
            <h3>
              {r.cofunderName} — {r.reviewer.name}
            </h3>
            <p>
              {r.appreciation ? t(`calls.appreciation.${r.appreciation}`) : t('calls.reviews.noOpinion')} ·{' '}
              {t('calls.reviews.proposed', { amount: euros(r.proposedCents) })}
            </p>
            <p class="muted">
              {r.complete ? t('calls.reviews.complete') : t('calls.reviews.incomplete')} ·{' '}
              {r.eligible ? t('calls.reviews.eligible') : t('calls.reviews.notEligible')}
            </p>
            <ul>
              {REVIEW_CRITERIA.map((k) => (
                <li key={k}>
                  {t(`calls.criterion.${k}`)} : {r.criteria[k] ?? '—'}
                </li>
              ))}
            </ul>
            {r.comment && <p>{r.comment}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
