import type { CollectiveDetailView, SupportKind, SupportRequestView } from '@maillage/core';
import { SUPPORT_KINDS } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { useSubmit } from '../../shared/form';
import { asApiError, errorFor, useAnnounce } from './common';
import { SupportAnswerForm, SupportRequestText } from './support-answer';

/** Asking the territory's coordinators for support, and what they answered. */
export function RequestsPanel({ collective, onChange }: { collective: CollectiveDetailView; onChange(): void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [list, setList] = useState<SupportRequestView[]>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [kind, setKind] = useState<SupportKind>('financement');
  const [text, setText] = useState('');
  useEffect(() => {
    request('GET /api/collectives/:id/requests', { params: { id: collective.id } })
      .then(setList)
      .catch((e: unknown) => setLoadError(asApiError(e)));
  }, [collective.id]);
  const ask = useSubmit(async () => {
    const made = await request('POST /api/collectives/:id/requests', { params: { id: collective.id }, body: { kind, text } });
    setList((l) => [made, ...(l ?? [])]);
    setText('');
    announce(t('collectives.support.sent'));
    onChange();
  });
  const textError = errorFor(ask.error, 'text');
  const kindError = errorFor(ask.error, 'kind');
  return (
    <section aria-labelledby="ws-requests">
      <h2 id="ws-requests">{t('collectives.support.title')}</h2>
      <p class="hint">{t('collectives.support.intro')}</p>
      {collective.may.edit && (
        <form class="card" noValidate aria-labelledby="ws-ask" onSubmit={(e) => void ask.run(e)}>
          <h3 id="ws-ask">{t('collectives.support.ask')}</h3>
          <div class="field">
            <label for="ask-kind">{t('collectives.support.kindLabel')}</label>
            <select id="ask-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as SupportKind)}>
              {SUPPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`collectives.support.kind.${k}`)}
                </option>
              ))}
            </select>
            {kindError && <p class="field-error">{kindError}</p>}
          </div>
          <div class="field">
            <label for="ask-text">{t('collectives.support.textLabel')}</label>
            <textarea
              id="ask-text"
              rows={4}
              maxLength={2000}
              value={text}
              aria-invalid={textError ? 'true' : undefined}
              aria-describedby={textError ? 'ask-text-error' : undefined}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            {textError && (
              <p class="field-error" id="ask-text-error">
                {textError}
              </p>
            )}
          </div>
          {ask.error && !textError && !kindError && <Alert>{ask.error.code === 'offline' ? t('common.offline') : ask.error.message}</Alert>}
          <Button type="submit" busy={ask.busy}>
            {t('collectives.support.send')}
          </Button>
        </form>
      )}
      {loadError && <Alert>{loadError.code === 'offline' ? t('common.offline') : loadError.message}</Alert>}
      {!list && !loadError && <p aria-busy="true">{t('common.loading')}</p>}
      {list && list.length === 0 && <p class="hint">{t('collectives.support.none')}</p>}
      {list && list.length > 0 && (
        <ul class="requests">
          {list.map((r) => (
            <li key={r.id} class="card">
              <SupportRequestText r={r} />
              {collective.may.answerRequests && (
                <SupportAnswerForm
                  r={r}
                  onAnswered={(next) => {
                    setList((l) => l?.map((x) => (x.id === next.id ? next : x)));
                    onChange();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
