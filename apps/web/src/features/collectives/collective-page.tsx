import { type CollectiveDetailView, GUIDING_QUESTIONS_EN } from '@maillage/core';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';

type Collective = CollectiveDetailView;

function Question({ collectiveId, q, onSaved }: { collectiveId: string; q: Collective['questions'][number]; onSaved: () => void }) {
  const { t, formatDate, locale } = useI18n();
  const [answer, setAnswer] = useState(q.answer);
  const text = locale === 'en' ? (GUIDING_QUESTIONS_EN[q.question - 1] ?? q.text) : q.text;
  const [saved, setSaved] = useState(false);
  const id = `q-${q.question}`;
  const { busy, error, run } = useSubmit(async () => {
    await request('PUT /api/collectives/:id/answers/:question', { params: { id: collectiveId, question: q.question }, body: { answer } });
    setSaved(true);
    onSaved();
  });
  const message = error?.forField('answer') ?? error?.message;
  return (
    <form onSubmit={run} class="card" noValidate>
      <div class="field">
        <label for={id}>
          {q.question}. {text}
        </label>
        {q.updatedAt && (
          <p class="hint" id={`${id}-hint`}>
            {t('collectives.updated', { date: formatDate(q.updatedAt) })}
          </p>
        )}
        <textarea
          id={id}
          rows={4}
          maxLength={4000}
          value={answer}
          aria-invalid={message ? 'true' : undefined}
          aria-describedby={[q.updatedAt ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
          onInput={(e) => {
            setAnswer(e.currentTarget.value);
            setSaved(false);
          }}
        />
        {message && (
          <p class="error" id={`${id}-error`}>
            {message}
          </p>
        )}
      </div>
      <Button type="submit" busy={busy}>
        {t('collectives.save')}
      </Button>
      <span role="status">{saved ? ` ${t('collectives.saved')}` : ''}</span>
    </form>
  );
}

/** A collective: who is in it, the urgency they share, and the four guiding questions to answer. */
export default function CollectivePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const [c, setC] = useState<Collective>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    request('GET /api/collectives/:id', { params: { id: params.id ?? '' } })
      .then(setC)
      .catch((e: Error) => setError(e.message));
  }, [params.id]);
  useEffect(load, [load]);
  if (error) return <Alert>{error}</Alert>;
  if (!c) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <section class="narrow">
      <p>
        <Link href="/collectifs">{t('collectives.back')}</Link>
      </p>
      <PageTitle>{c.name}</PageTitle>
      {c.themes.length > 0 && <p>{t('collectives.themes', { themes: c.themes.join(', ') })}</p>}
      <h2>{t('collectives.membersTitle')}</h2>
      <ul>
        {c.members.map((m) => (
          <li key={`${m.name}-${m.personId}`}>
            {m.personId ? <Link href={`/ecosysteme/personnes/${m.personId}`}>{m.name}</Link> : m.name}
          </li>
        ))}
      </ul>
      {c.urgency && (
        <>
          <h2>{t('collectives.urgency')}</h2>
          <ul>
            {c.urgency.split('\n').map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('collectives.questions')}</h2>
      {c.questions.map((q) => (
        <Question key={q.question} collectiveId={c.id} q={q} onSaved={() => {}} />
      ))}
    </section>
  );
}
