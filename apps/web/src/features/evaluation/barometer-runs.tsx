import type { BarometerRunView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { TerritorySelect, useEcoTerritory } from '../ecosystem/common';

/** The barometer runs of the user's territories, each with its results page; a coordinator opens a new one. */
export function BarometerRuns() {
  const { t, formatDate } = useI18n();
  const { session } = useSession();
  const roles = session?.user?.roles ?? [];
  const territoryIds = [...new Set(roles.map((r) => r.territoryId))];
  const managed = [...new Set(roles.filter((r) => r.role === 'coordinator').map((r) => r.territoryId))];
  const [runs, setRuns] = useState<BarometerRunView[]>([]);
  const [title, setTitle] = useState('');
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [opened, setOpened] = useState<BarometerRunView>();
  const load = () =>
    Promise.all(territoryIds.map((id) => request('GET /api/barometer/runs', { query: { territoryId: id } }).catch(() => [])))
      .then((lists) => setRuns([...new Map(lists.flat().map((r) => [r.id, r])).values()]))
      .catch(() => setRuns([]));
  useEffect(() => {
    void load();
  }, [territoryIds.join(',')]);
  const { busy, error, run } = useSubmit(async () => {
    const created = await request('POST /api/barometer/runs', {
      body: { territoryId: territoryId || managed[0] || '', collectiveId: null, title },
    });
    setOpened(created);
    setTitle('');
    await load();
  });
  if (!runs.length && !managed.length) return null;
  return (
    <section class="card" aria-labelledby="runs-title">
      <h2 id="runs-title">{t('evaluation.runs.title')}</h2>
      {runs.length === 0 ? (
        <p>{t('evaluation.runs.none')}</p>
      ) : (
        <ul>
          {runs.map((r) => (
            <li key={r.id}>
              <Link href={`/barometre/resultats/${r.id}`}>{r.title}</Link>
              {r.collective && ` · ${r.collective.name}`} · {formatDate(r.openedOn)} ·{' '}
              {t('evaluation.results.respondents', { count: r.respondents })}
              {r.closed && ` · ${t('evaluation.runs.closed')}`}
            </li>
          ))}
        </ul>
      )}
      {managed.length > 0 && (
        <form onSubmit={run} noValidate aria-labelledby="run-open-title">
          <h3 id="run-open-title">{t('evaluation.runs.open')}</h3>
          {error && !error.fieldErrors.length && <Alert>{error.message}</Alert>}
          {opened?.code && (
            <Alert kind="success">
              <span class="share-token">{t('evaluation.results.link', { url: `${window.location.origin}/barometre/${opened.code}` })}</span>
            </Alert>
          )}
          <Field
            label={t('evaluation.runs.name')}
            name="title"
            value={title}
            required
            maxLength={160}
            error={error?.forField('title')}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
          {options.length > 1 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
          {error?.forField('territoryId') && <p class="field-error">{error.forField('territoryId')}</p>}
          <Button type="submit" busy={busy}>
            {t('evaluation.runs.submit')}
          </Button>
        </form>
      )}
    </section>
  );
}
