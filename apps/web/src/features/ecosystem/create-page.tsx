import { useEffect, useState } from 'preact/hooks';
import { type ApiError, api } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { EcoTabs, kinds, TerritorySelect, useEcoTerritory, useThemes } from './common';
import './ecosystem.css';

interface Candidate {
  id: string;
  name: string;
  reason: 'same_siren' | 'same_name_and_commune';
}

/** `/ecosysteme/organisations/nouvelle`: records an organisation; probable duplicates are shown first. */
export default function CreateOrganisationPage() {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const themes = useThemes(territoryId);
  const [places, setPlaces] = useState<{ id: string; label: string }[]>([]);
  const [form, setForm] = useState({ name: '', kind: 'association', companyId: '', rna: '', communeId: '', website: '', description: '' });
  const [themeIds, setThemeIds] = useState<string[]>([]);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!territoryId) return;
    api<{ items: { id: string; label: string }[] }>('GET', `/api/territories/${territoryId}/children`).then(
      (r) => setPlaces(r.items),
      () => setPlaces([]),
    );
  }, [territoryId]);
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (allowDuplicate: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const created = await api<{ id: string }>('POST', '/api/ecosystem/organisations', {
        name: form.name,
        kind: form.kind,
        companyId: form.companyId,
        rna: form.rna,
        ...(form.communeId ? { communeId: form.communeId } : {}),
        territoryIds: [form.communeId || territoryId],
        themeIds,
        website: form.website,
        description: form.description,
        allowDuplicate,
      });
      navigate(`/ecosysteme/organisations/${created.id}`);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  // The duplicate answer carries the candidates: ask for them with a directory search by name.
  useEffect(() => {
    if (error?.code !== 'organisation_duplicate') return setCandidates([]);
    api<{ organisations: { id: string; name: string }[] }>(
      'GET',
      `/api/ecosystem/directory?q=${encodeURIComponent(form.name)}&limit=5`,
    ).then(
      (r) => setCandidates(r.organisations.map((o) => ({ id: o.id, name: o.name, reason: 'same_name_and_commune' }))),
      () => setCandidates([]),
    );
  }, [error]);
  return (
    <section class="ecosystem">
      <PageTitle>{t('ecosystem.create.title')}</PageTitle>
      <EcoTabs current="directory" territoryId={territoryId} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        {options.length > 0 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
        <Field
          label={t('ecosystem.create.name')}
          name="name"
          required
          value={form.name}
          onInput={set('name')}
          error={error?.forField('name')}
        />
        <div class="field">
          <label for="create-kind">{t('ecosystem.org.kind')}</label>
          <select id="create-kind" value={form.kind} onChange={set('kind')}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`ecosystem.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('ecosystem.create.companyId')}
          hint={t('ecosystem.create.companyIdHint')}
          name="companyId"
          inputMode="numeric"
          value={form.companyId}
          onInput={set('companyId')}
          error={error?.forField('companyId')}
        />
        <Field
          label={t('ecosystem.org.rna')}
          hint={t('ecosystem.create.rnaHint')}
          name="rna"
          value={form.rna}
          onInput={set('rna')}
          error={error?.forField('rna')}
        />
        <div class="field">
          <label for="create-commune">{t('ecosystem.org.commune')}</label>
          <select id="create-commune" value={form.communeId} onChange={set('communeId')}>
            <option value="">—</option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="field">
          <legend>{t('ecosystem.org.themes')}</legend>
          {themes.map((th) => (
            <div class="field-check" key={th.id}>
              <input
                id={`theme-${th.id}`}
                type="checkbox"
                checked={themeIds.includes(th.id)}
                onChange={(e) => setThemeIds(e.currentTarget.checked ? [...themeIds, th.id] : themeIds.filter((x) => x !== th.id))}
              />
              <label for={`theme-${th.id}`}>{th.label}</label>
            </div>
          ))}
        </fieldset>
        <Field
          label={t('ecosystem.org.website')}
          name="website"
          type="url"
          value={form.website}
          onInput={set('website')}
          error={error?.forField('website')}
        />
        <div class="field">
          <label for="create-description">{t('ecosystem.create.description')}</label>
          <textarea id="create-description" rows={3} maxLength={4000} value={form.description} onInput={set('description')} />
        </div>
        {error && <Alert>{error.message}</Alert>}
        {error?.code === 'organisation_duplicate' && (
          <div>
            <ul class="eco-results">
              {candidates.map((c) => (
                <li key={c.id}>
                  <Link href={`/ecosysteme/organisations/${c.id}`}>{c.name}</Link>
                </li>
              ))}
            </ul>
            <Button type="button" variant="secondary" busy={busy} onClick={() => void submit(true)}>
              {t('ecosystem.create.anyway')}
            </Button>
          </div>
        )}
        <Button type="submit" busy={busy}>
          {t('ecosystem.create.submit')}
        </Button>
      </form>
    </section>
  );
}
