import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { problemMessage } from '../../shared/problem';
import { Alert, Button } from '../../shared/ui';

/**
 * "Mes données" on Mon compte (RGPD): download everything maillage holds about oneself, and erase
 * it — the same routes as the person's directory page, for one's own record.
 */
export function MyData({ personId }: { personId: string | null }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [erased, setErased] = useState(false);
  const [error, setError] = useState<string>();
  const erase = async () => {
    if (!personId) return;
    try {
      await request('DELETE /api/ecosystem/people/:id', { params: { id: personId } });
      setErased(true);
      setConfirming(false);
    } catch (e) {
      setError(problemMessage(e, t));
    }
  };
  return (
    <section aria-labelledby="my-data">
      <h2 id="my-data">{t('account.data.title')}</h2>
      <p>{t('account.data.intro')}</p>
      {erased ? (
        <Alert kind="success">{t('account.data.erased')}</Alert>
      ) : personId ? (
        <>
          <p>
            <a class="btn btn-secondary" href={`/api/ecosystem/people/${personId}/export`} download="mes-donnees-maillage.json">
              {t('account.data.export')}
            </a>
          </p>
          {error && <Alert>{error}</Alert>}
          {!confirming ? (
            <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
              {t('account.data.erase')}
            </Button>
          ) : (
            <div role="alertdialog" aria-labelledby="erase-q" class="card">
              <p id="erase-q">{t('account.data.eraseConfirm')}</p>
              <Button type="button" onClick={() => void erase()}>
                {t('account.data.eraseYes')}
              </Button>{' '}
              <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
                {t('account.data.eraseNo')}
              </Button>
            </div>
          )}
        </>
      ) : (
        <p>{t('account.data.noRecord')}</p>
      )}
    </section>
  );
}
