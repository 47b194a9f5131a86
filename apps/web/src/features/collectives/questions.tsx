import { type CollectiveDetailView, GUIDING_QUESTIONS_EN } from '@maillage/core';
import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Button } from '../../shared/ui';
import { useSubmit } from '../../shared/form';
import { useAnnounce } from './common';

type Question = CollectiveDetailView['questions'][number];

function QuestionForm({ collectiveId, q, editable }: { collectiveId: string; q: Question; editable: boolean }) {
  const { t, formatDate, locale } = useI18n();
  const announce = useAnnounce();
  const [answer, setAnswer] = useState(q.answer);
  const text = locale === 'en' ? (GUIDING_QUESTIONS_EN[q.question - 1] ?? q.text) : q.text;
  const [saved, setSaved] = useState(false);
  const id = `q-${q.question}`;
  const { busy, error, run } = useSubmit(async () => {
    await request('PUT /api/collectives/:id/answers/:question', { params: { id: collectiveId, question: q.question }, body: { answer } });
    setSaved(true);
    announce(t('collectives.saved'));
  });
  const message = error?.forField('answer') ?? error?.message;
  if (!editable) {
    return (
      <div class="card">
        <h3 class="question">
          {q.question}. {text}
        </h3>
        <p class="prewrap">{q.answer || t('collectives.questions.empty')}</p>
      </div>
    );
  }
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
          <p class="field-error" id={`${id}-error`}>
            {message}
          </p>
        )}
      </div>
      <Button type="submit" busy={busy}>
        {t('collectives.save')}
      </Button>
      {saved && <span class="saved"> {t('collectives.saved')}</span>}
    </form>
  );
}

/** The four guiding questions of the workshop where the collective was born, kept in its workspace. */
export function GuidingQuestions({ collective }: { collective: CollectiveDetailView }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="ws-questions" class="guiding-questions">
      <h2 id="ws-questions">{t('collectives.questions')}</h2>
      <p class="hint">{t('collectives.questions.intro')}</p>
      {collective.questions.map((q) => (
        <QuestionForm key={q.question} collectiveId={collective.id} q={q} editable={collective.may.answerQuestions} />
      ))}
    </section>
  );
}
