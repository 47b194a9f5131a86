import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useRouter } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { CodeAndCommunes } from './code-and-communes';
import { customKindList, type TerritorySummaryView } from './types';
import './territories.css';

/** `/territoires/nouveau`: a coordinator describes a quartier, a QPV or a ruralité area. */
export default function CreateTerritoryPage() {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof customKindList)[number]>('quartier');
  const [code, setCode] = useState('');
  const [communes, setCommunes] = useState<TerritorySummaryView[]>([]);
  const { busy, error, run } = useSubmit(async () => {
    const created = await request('POST /api/territories', {
      body: { name, kind, code: code.trim() || null, communeIds: communes.map((c) => c.id) },
    });
    navigate(`/territoires/${created.slug}`);
  });
  const kindError = error?.forField('kind');
  return (
    <section class="narrow territory-create">
      <PageTitle>{t('territories.create.title')}</PageTitle>
      <p>{t('territories.create.intro')}</p>
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
        <div class="field">
          <label for="territory-kind">{t('territories.create.kind')}</label>
          <select
            id="territory-kind"
            name="kind"
            value={kind}
            aria-invalid={kindError ? 'true' : undefined}
            onChange={(e) => setKind(e.currentTarget.value as (typeof customKindList)[number])}
          >
            {customKindList.map((k) => (
              <option key={k} value={k}>
                {t(`territories.create.kind.${k}`)}
              </option>
            ))}
          </select>
          {kindError && <p class="field-error">{kindError}</p>}
        </div>
        <CodeAndCommunes code={code} onCode={setCode} communes={communes} onCommunes={setCommunes} error={error} />
        <Button type="submit" busy={busy}>
          {t('territories.create.submit')}
        </Button>
      </form>
    </section>
  );
}
