import type { SupportRequestView, SupportStatus } from '@maillage/core';
import { SUPPORT_STATUSES } from '@maillage/core';
import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { useSubmit } from '../../shared/form';
import { errorFor, useAnnounce } from './common';

/** A request for support as read by the collective and the coordinators: kind, status, text, answer. */
export function SupportRequestText({ r }: { r: SupportRequestView }) {
  const { t, formatDate } = useI18n();
  return (
    <>
      <p class="request-head">
        <span class="badge">{t(`collectives.support.kind.${r.kind}`)}</span>{' '}
        <span class={`status status-${r.status}`}>{t(`collectives.support.status.${r.status}`)}</span>
      </p>
      <p class="prewrap">{r.text}</p>
      <p class="hint">{t('collectives.support.asked', { who: r.askedBy ?? t('collectives.someone'), date: formatDate(r.askedAt) })}</p>
      {r.answer && (
        <div class="answer">
          <p class="prewrap">
            <strong>{t('collectives.support.answer')} :</strong> {r.answer}
          </p>
          {r.answeredAt && (
            <p class="hint">
              {t('collectives.support.answered', { who: r.answeredBy ?? t('collectives.someone'), date: formatDate(r.answeredAt) })}
            </p>
          )}
        </div>
      )}
    </>
  );
}

/** A coordinator's answer to a request, with its new status. */
export function SupportAnswerForm({ r, onAnswered }: { r: SupportRequestView; onAnswered(next: SupportRequestView): void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [status, setStatus] = useState<SupportStatus>(r.status === 'ouverte' ? 'en_cours' : r.status);
  const [answer, setAnswer] = useState(r.answer ?? '');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit(async () => {
    const next = await request('PATCH /api/collectives/:id/requests/:requestId', {
      params: { id: r.collectiveId, requestId: r.id },
      body: { status, answer },
    });
    setDone(true);
    announce(t('collectives.support.answerSaved'));
    onAnswered(next);
  });
  const id = `answer-${r.id}`;
  const answerError = errorFor(error, 'answer');
  const statusError = errorFor(error, 'status');
  return (
    <form class="answer-form" noValidate onSubmit={(e) => void run(e)}>
      <div class="field">
        <label for={`${id}-text`}>{t('collectives.support.answerLabel')}</label>
        <textarea
          id={`${id}-text`}
          rows={3}
          maxLength={2000}
          value={answer}
          aria-invalid={answerError ? 'true' : undefined}
          aria-describedby={answerError ? `${id}-text-error` : undefined}
          onInput={(e) => {
            setAnswer(e.currentTarget.value);
            setDone(false);
          }}
        />
        {answerError && (
          <p class="field-error" id={`${id}-text-error`}>
            {answerError}
          </p>
        )}
      </div>
      <div class="field">
        <label for={`${id}-status`}>{t('collectives.support.statusLabel')}</label>
        <select
          id={`${id}-status`}
          value={status}
          aria-invalid={statusError ? 'true' : undefined}
          onChange={(e) => {
            setStatus(e.currentTarget.value as SupportStatus);
            setDone(false);
          }}
        >
          {SUPPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`collectives.support.status.${s}`)}
            </option>
          ))}
        </select>
        {statusError && <p class="field-error">{statusError}</p>}
      </div>
      {error && !answerError && !statusError && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
      <Button type="submit" busy={busy}>
        {t('collectives.support.answerSubmit')}
      </Button>
      {done && <span class="saved"> {t('collectives.support.answerSaved')}</span>}
    </form>
  );
}
