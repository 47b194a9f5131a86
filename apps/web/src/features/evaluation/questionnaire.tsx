import type { MyQuestionnaireView, QuestionnaireAnswersView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import './evaluation.css';

type Mine = MyQuestionnaireView;
type Answers = QuestionnaireAnswersView;
interface Draft {
  text: string;
  choices: string;
}

/** The organiser sets the questions sent before a training (seed 004: « le questionnaire envoyé en amont »). */
export function QuestionnaireEditor({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const [drafts, setDrafts] = useState<Draft[]>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    request('GET /api/questionnaires/events/:id', { params: { id: eventId } })
      .then((q) => setDrafts(q.questions.map((x) => ({ text: x.text, choices: x.choices.join('\n') }))))
      .catch(() => setDrafts([]));
  }, [eventId]);
  const { busy, error, run } = useSubmit(async () => {
    setSaved(false);
    const after = await request('PUT /api/questionnaires/events/:id', {
      params: { id: eventId },
      body: {
        questions: (drafts ?? []).map((d) => ({
          text: d.text,
          choices: d.choices
            .split('\n')
            .map((c) => c.trim())
            .filter(Boolean),
        })),
      },
    });
    setDrafts(after.questions.map((x) => ({ text: x.text, choices: x.choices.join('\n') })));
    setSaved(true);
  });
  if (!drafts) return null;
  const edit = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <section class="card" aria-labelledby="questionnaire-edit">
      <h2 id="questionnaire-edit">{t('questionnaire.edit.title')}</h2>
      <p>{t('questionnaire.edit.intro')}</p>
      {error && <Alert>{error.message}</Alert>}
      {saved && <Alert kind="success">{t('questionnaire.edit.saved')}</Alert>}
      <form onSubmit={run} noValidate>
        {drafts.length === 0 && <p>{t('questionnaire.edit.none')}</p>}
        {drafts.map((d, i) => (
          <fieldset key={i} class="questionnaire-question">
            <legend>{t('questionnaire.edit.question', { n: i + 1 })}</legend>
            <div class="field">
              <label for={`qn-text-${i}`}>{t('questionnaire.edit.text')}</label>
              <textarea
                id={`qn-text-${i}`}
                rows={2}
                maxLength={500}
                value={d.text}
                aria-invalid={error?.forField(`questions.${i}.text`) ? 'true' : undefined}
                onInput={(e) => edit(i, { text: e.currentTarget.value })}
              />
              {error?.forField(`questions.${i}.text`) && <p class="field-error">{error.forField(`questions.${i}.text`)}</p>}
            </div>
            <div class="field">
              <label for={`qn-choices-${i}`}>{t('questionnaire.edit.choices')}</label>
              <textarea id={`qn-choices-${i}`} rows={3} value={d.choices} onInput={(e) => edit(i, { choices: e.currentTarget.value })} />
            </div>
            <Button type="button" variant="secondary" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
              {t('questionnaire.edit.remove', { n: i + 1 })}
            </Button>
          </fieldset>
        ))}
        <p class="actions">
          <Button type="button" variant="secondary" onClick={() => setDrafts([...drafts, { text: '', choices: '' }])}>
            {t('questionnaire.edit.add')}
          </Button>
          <Button type="submit" busy={busy}>
            {t('questionnaire.edit.save')}
          </Button>
        </p>
      </form>
    </section>
  );
}

/** What the registered people answered, for the trainers before the day. */
export function QuestionnaireAnswers({ eventId }: { eventId: string }) {
  const { t, formatDate } = useI18n();
  const [data, setData] = useState<Answers>();
  useEffect(() => {
    request('GET /api/questionnaires/events/:id/answers', { params: { id: eventId } })
      .then(setData)
      .catch(() => setData(undefined));
  }, [eventId]);
  if (!data || data.questions.length === 0) return null;
  return (
    <section class="card" aria-labelledby="questionnaire-answers">
      <h2 id="questionnaire-answers">{t('questionnaire.answers.title')}</h2>
      {data.answers.length === 0 ? (
        <p>{t('questionnaire.answers.none')}</p>
      ) : (
        <ul class="questionnaire-answers">
          {data.answers.map((a) => (
            <li key={`${a.name}-${a.answeredAt}`}>
              <h3>
                {a.name}
                {a.organisation && ` · ${a.organisation}`}
              </h3>
              <p class="muted">{t('questionnaire.answers.on', { date: formatDate(a.answeredAt) })}</p>
              <dl>
                {data.questions.map((q) => (
                  <div key={q.key}>
                    <dt>{q.text}</dt>
                    <dd class="questionnaire-answer">{a.answers[q.key] ?? '—'}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A registered person answers the questionnaire from their personal link (and may change their answers). */
export function MyQuestionnaire({ token }: { token: string }) {
  const { t } = useI18n();
  const [mine, setMine] = useState<Mine>();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    request('GET /api/questionnaires/registrations/:token', { params: { token } })
      .then((m) => {
        setMine(m);
        setAnswers(m.answers);
      })
      .catch(() => setMine(undefined));
  }, [token]);
  const { busy, error, run } = useSubmit(async () => {
    setSaved(false);
    const after = await request('PUT /api/questionnaires/registrations/:token', { params: { token }, body: { answers } });
    setMine(after);
    setAnswers(after.answers);
    setSaved(true);
  });
  if (!mine || mine.questions.length === 0) return null;
  return (
    <section aria-labelledby="my-questionnaire">
      <h2 id="my-questionnaire">{t('questionnaire.mine.title')}</h2>
      <p>{t('questionnaire.mine.intro')}</p>
      {error && <Alert>{error.message}</Alert>}
      {saved && <Alert kind="success">{t('questionnaire.mine.saved')}</Alert>}
      <form onSubmit={run} noValidate>
        {mine.questions.map((q) =>
          q.choices.length > 0 ? (
            <fieldset key={q.key} class="questionnaire-question">
              <legend>{q.text}</legend>
              <div class="quiz-choices">
                {q.choices.map((c) => (
                  <label key={c}>
                    <input
                      type="radio"
                      name={`qn-${q.key}`}
                      checked={answers[q.key] === c}
                      onChange={() => setAnswers({ ...answers, [q.key]: c })}
                    />
                    {c}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : (
            <div key={q.key} class="field">
              <label for={`qn-${q.key}`}>{q.text}</label>
              <textarea
                id={`qn-${q.key}`}
                rows={3}
                maxLength={2000}
                value={answers[q.key] ?? ''}
                onInput={(e) => setAnswers({ ...answers, [q.key]: e.currentTarget.value })}
              />
            </div>
          ),
        )}
        <Button type="submit" busy={busy}>
          {t('questionnaire.mine.save')}
        </Button>
      </form>
    </section>
  );
}
