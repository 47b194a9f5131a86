import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { CodeAndCommunes } from './code-and-communes';
import type { TerritoryDetailView, TerritorySummaryView } from './types';
import './territories.css';

/** `/territoires/:slug/modifier`: renames a quartier, QPV or ruralité area, changes its code or communes. */
export default function EditTerritoryPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [territory, setTerritory] = useState<TerritoryDetailView>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [communes, setCommunes] = useState<TerritorySummaryView[]>([]);
  useEffect(() => {
    request('GET /api/territories/by-slug/:slug', { params: { slug: params.slug ?? '' } })
      .then((found) => {
        setTerritory(found);
        setName(found.name);
        setCode(found.code ?? '');
        setCommunes(found.parents.filter((p) => p.kind === 'commune' || p.kind === 'arrondissement'));
      })
      .catch((e: unknown) => setLoadError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e))));
  }, [params.slug]);
  const { busy, error, run } = useSubmit(async () => {
    if (!territory) return;
    const updated = await request('PATCH /api/territories/:id', {
      params: { id: territory.id },
      body: { name, code: code.trim() || null, communeIds: communes.map((c) => c.id) },
    });
    navigate(`/territoires/${updated.slug}`);
  });

  if (loadError) {
    return (
      <section>
        <PageTitle>{t('territories.edit.title')}</PageTitle>
        <Alert>{loadError.code === 'territory_not_found' ? t('territories.page.notFound') : loadError.message}</Alert>
      </section>
    );
  }
  if (!territory) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <section class="narrow territory-create">
      <PageTitle>{t('territories.edit.title')}</PageTitle>
      <p>
        {t(`territories.kind.${territory.kind}`)} · <Link href={`/territoires/${territory.slug}`}>{territory.name}</Link>
      </p>
      {error && (
        <Alert>
          {error.code === 'offline' ? t('common.offline') : error.code === 'validation' ? t('territories.create.fixErrors') : error.message}
        </Alert>
      )}
      <form onSubmit={run} noValidate>
        <Field
          label={t('territories.create.name')}
          name="name"
          required
          maxLength={120}
          autoComplete="off"
          value={name}
          error={error?.forField('name')}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <CodeAndCommunes code={code} onCode={setCode} communes={communes} onCommunes={setCommunes} error={error} />
        <Button type="submit" busy={busy}>
          {t('territories.edit.submit')}
        </Button>
      </form>
    </section>
  );
}
