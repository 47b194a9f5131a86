import type { BarometerRunView, QuizMixView } from '@maillage/core';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { QuizMix } from './quiz-mix';
import './evaluation.css';

interface CollectiveRef {
  readonly id: string;
  readonly territoryId: string;
  readonly name: string;
}

/** The collective's mix of quiz profiles and motivations (shared results only), as bars. */
function CollectiveQuizMix({ collective }: { collective: CollectiveRef }) {
  const { t } = useI18n();
  const [mix, setMix] = useState<QuizMixView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('GET /api/quiz/collectives/:id/mix', { params: { id: collective.id } })
      .then(setMix)
      .catch((e: Error) => setError(e.message || t('common.error')));
  }, [collective.id]);
  return (
    <section class="card" aria-labelledby="collective-quiz">
      <h3 id="collective-quiz">{t('quiz.collective.title')}</h3>
      <p>{t('quiz.collective.intro')}</p>
      {error && <Alert>{error}</Alert>}
      {mix && <QuizMix mix={mix} idPrefix="collective-quiz" />}
      <p>
        <Link href="/quiz">{t('quiz.collective.take')}</Link>
      </p>
    </section>
  );
}

/** The barometer runs of the collective: open one, give its link to the members, close it, read the results. */
function CollectiveBarometer({ collective }: { collective: CollectiveRef }) {
  const { t, formatDate } = useI18n();
  const { session } = useSession();
  const user = session?.user;
  const [runs, setRuns] = useState<BarometerRunView[]>();
  const [title, setTitle] = useState('');
  const [closing, setClosing] = useState<string>();
  const [closeError, setCloseError] = useState<string>();
  const load = useCallback(
    () =>
      request('GET /api/barometer/runs', { query: { territoryId: collective.territoryId } })
        .then((all) => setRuns(all.filter((r) => r.collective?.id === collective.id)))
        .catch(() => setRuns([])),
    [collective.id, collective.territoryId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  // Who runs barometers (coordinators and facilitators); the server decides, the page only offers.
  const mayOpen =
    !!user &&
    (user.isAdmin || user.roles.some((r) => r.role === 'coordinator' || r.role === 'facilitator') || (runs ?? []).some((r) => r.code));
  const { busy, error, run } = useSubmit(async () => {
    await request('POST /api/barometer/runs', { body: { territoryId: collective.territoryId, collectiveId: collective.id, title } });
    setTitle('');
    await load();
  });
  const close = async (id: string) => {
    setClosing(id);
    setCloseError(undefined);
    try {
      await request('POST /api/barometer/runs/:id/close', { params: { id } });
      await load();
    } catch (e) {
      setCloseError(e instanceof Error && e.message ? e.message : t('common.error'));
    } finally {
      setClosing(undefined);
    }
  };
  return (
    <section class="card" aria-labelledby="collective-runs">
      <h3 id="collective-runs">{t('evaluation.runs.title')}</h3>
      {closeError && <Alert>{closeError}</Alert>}
      {runs && runs.length === 0 && <p>{t('evaluation.runs.none')}</p>}
      {runs && runs.length > 0 && (
        <ul class="collective-runs">
          {runs.map((r) => (
            <li key={r.id}>
              <Link href={`/barometre/resultats/${r.id}`}>{r.title}</Link> · {formatDate(r.openedOn)} ·{' '}
              {t('evaluation.results.respondents', { count: r.respondents })}
              {r.closed && ` · ${t('evaluation.runs.closed')}`}
              {r.code && !r.closed && (
                <>
                  <p class="share-token">{t('evaluation.results.link', { url: `${window.location.origin}/barometre/${r.code}` })}</p>
                  <Button type="button" variant="secondary" busy={closing === r.id} onClick={() => void close(r.id)}>
                    {t('evaluation.runs.closeRun', { title: r.title })}
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayOpen && (
        <form onSubmit={run} noValidate aria-labelledby="collective-run-open">
          <h4 id="collective-run-open">{t('evaluation.runs.open')}</h4>
          {error && !error.fieldErrors.length && <Alert>{error.message}</Alert>}
          <Field
            label={t('evaluation.runs.name')}
            name="title"
            value={title}
            required
            maxLength={160}
            error={error?.forField('title')}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
          <Button type="submit" busy={busy}>
            {t('evaluation.runs.submit')}
          </Button>
        </form>
      )}
    </section>
  );
}

/** A collective's evaluation tab: the mix of its members' quiz profiles and its barometer runs. */
export function CollectiveEvaluation({ collective }: { collective: CollectiveRef }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="ws-evaluation">
      <h2 id="ws-evaluation">{t('quiz.collective.tab')}</h2>
      <CollectiveQuizMix collective={collective} />
      <CollectiveBarometer collective={collective} />
    </section>
  );
}
