import type { CollectiveSummaryView, PathwaySummaryView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { TerritorySelect, useEcoTerritory } from '../ecosystem/common';
import './pathways.css';

/** « Créer un chemin »: a title, its territory, optionally one of its collectives, from seed 003's template or empty. */
function CreateForm() {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [title, setTitle] = useState('');
  const [collectiveId, setCollectiveId] = useState('');
  const [template, setTemplate] = useState<'seed003' | 'empty'>('seed003');
  const [collectives, setCollectives] = useState<CollectiveSummaryView[]>([]);
  useEffect(() => {
    request('GET /api/collectives')
      .then(setCollectives)
      .catch(() => setCollectives([]));
  }, []);
  const ofTerritory = collectives.filter((c) => c.territoryId === territoryId);
  const { busy, error, run } = useSubmit(async () => {
    const created = await request('POST /api/pathways', {
      body: { title, territoryId, collectiveId: collectiveId || null, template: template === 'seed003' ? 'seed003' : null },
    });
    navigate(`/chemins/${created.id}`);
  });
  return (
    <form class="card pathway-create" onSubmit={run} noValidate aria-labelledby="pathway-create-title">
      <h2 id="pathway-create-title">{t('pathways.create.title')}</h2>
      {error && !error.fieldErrors.length && <Alert>{error.message}</Alert>}
      <Field
        label={t('pathways.create.name')}
        name="title"
        value={title}
        required
        maxLength={160}
        error={error?.forField('title')}
        onInput={(e) => setTitle(e.currentTarget.value)}
      />
      <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />
      {error?.forField('territoryId') && <p class="field-error">{error.forField('territoryId')}</p>}
      <div class="field">
        <label for="pathway-collective">{t('pathways.create.collective')}</label>
        <select id="pathway-collective" value={collectiveId} onChange={(e) => setCollectiveId(e.currentTarget.value)}>
          <option value="">{t('pathways.create.noCollective')}</option>
          {ofTerritory.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('pathways.create.start')}</legend>
        <label class="choice">
          <input type="radio" name="template" checked={template === 'seed003'} onChange={() => setTemplate('seed003')} />{' '}
          {t('pathways.create.template')}
        </label>
        <label class="choice">
          <input type="radio" name="template" checked={template === 'empty'} onChange={() => setTemplate('empty')} />{' '}
          {t('pathways.create.empty')}
        </label>
      </fieldset>
      <Button type="submit" busy={busy}>
        {t('pathways.create.submit')}
      </Button>
    </form>
  );
}

/** The change pathways the user may read, and the form to start one. */
export default function PathwaysPage() {
  const { t, formatDate } = useI18n();
  const [list, setList] = useState<PathwaySummaryView[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('GET /api/pathways', { query: {} })
      .then(setList)
      .catch((e: Error) => setError(e.message));
  }, []);
  return (
    <section class="pathways">
      <PageTitle>{t('pathways.title')}</PageTitle>
      <p>{t('pathways.intro')}</p>
      {error && <Alert>{error}</Alert>}
      {!list && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {list && list.length === 0 && <p>{t('pathways.none')}</p>}
      {list && list.length > 0 && (
        <ul class="cards">
          {list.map((p) => (
            <li key={p.id} class="card">
              <h2>
                <Link href={`/chemins/${p.id}`}>{p.title}</Link>
              </h2>
              <p>
                {p.owner.kind === 'collective' ? t('pathways.owner.collective', { name: p.owner.name }) : p.owner.name} ·{' '}
                {t('pathways.changes', { count: p.changes })}
                {p.detached > 0 && <> · {t('pathways.detachedCount', { count: p.detached })}</>} · {t('pathways.version', { n: p.version })}{' '}
                · {formatDate(p.updatedAt)}
              </p>
              {p.lastReviewOn && <p>{t('pathways.lastReview', { date: formatDate(`${p.lastReviewOn}T12:00:00Z`) })}</p>}
            </li>
          ))}
        </ul>
      )}
      <CreateForm />
    </section>
  );
}
