import type { CollectiveSummaryView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useSession } from '../../shared/session';
import { Alert, Button } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';

/**
 * Shares a kept quiz result with one of the caller's collectives: the collective then counts it in
 * its mix of profiles and motivations (never showing whose it is).
 */
export function QuizShare({ token, sharedWith }: { token: string; sharedWith: readonly { id: string; name: string }[] }) {
  const { t } = useI18n();
  const { session } = useSession();
  const signedIn = !!session?.user;
  const [collectives, setCollectives] = useState<CollectiveSummaryView[]>();
  const [shared, setShared] = useState(sharedWith);
  const [collectiveId, setCollectiveId] = useState('');
  useEffect(() => {
    if (!signedIn) return;
    request('GET /api/collectives')
      .then(setCollectives)
      .catch(() => setCollectives([]));
  }, [signedIn]);
  const { busy, error, run } = useSubmit(async () => {
    const after = await request('POST /api/quiz/results/:token/shares', { params: { token }, body: { collectiveId } });
    setShared(after.sharedWith);
    setCollectiveId('');
  });
  const open = (collectives ?? []).filter((c) => !shared.some((s) => s.id === c.id));
  return (
    <section class="card" aria-labelledby="quiz-share">
      <h2 id="quiz-share">{t('quiz.share.title')}</h2>
      <p>{t('quiz.share.intro')}</p>
      {shared.length > 0 && <p role="status">{t('quiz.share.done', { names: shared.map((s) => s.name).join(', ') })}</p>}
      {!signedIn && <p>{t('quiz.share.login')}</p>}
      {signedIn && collectives && collectives.length === 0 && <p>{t('quiz.share.none')}</p>}
      {signedIn && open.length > 0 && (
        <form onSubmit={run} noValidate class="inline-form">
          {error && <Alert>{error.forField('collectiveId') ?? error.message}</Alert>}
          <div class="field">
            <label for="quiz-share-collective">{t('quiz.share.collective')}</label>
            <select id="quiz-share-collective" value={collectiveId} required onChange={(e) => setCollectiveId(e.currentTarget.value)}>
              <option value="">{t('quiz.share.choose')}</option>
              {open.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" busy={busy} disabled={!collectiveId}>
            {t('quiz.share.submit')}
          </Button>
        </form>
      )}
    </section>
  );
}
