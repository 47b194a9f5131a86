import type { ComponentChildren } from 'preact';
import type { DirectoryView } from '@maillage/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, Field } from '../../shared/ui';
import { kinds, useThemes } from './common';

/** What the organisation form edits: the body of POST and PUT /api/ecosystem/organisations. */
export interface OrganisationValues {
  name: string;
  kind: string;
  companyId: string;
  rna: string;
  communeId: string;
  address: string;
  website: string;
  publicEmail: string;
  publicPhone: string;
  description: string;
  themeIds: string[];
}

export const emptyOrganisation: OrganisationValues = {
  name: '',
  kind: 'association',
  companyId: '',
  rna: '',
  communeId: '',
  address: '',
  website: '',
  publicEmail: '',
  publicPhone: '',
  description: '',
  themeIds: [],
};

/** Moves the focus to the first invalid field after a refused submit, so keyboard users land on it. */
export function useFocusFirstError(error: unknown) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!error) return;
    const invalid = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? ref.current?.querySelector<HTMLElement>('[data-error-summary]'))?.focus();
  }, [error]);
  return ref;
}

/**
 * The create and edit form of an organisation. `save` sends the values (with `allowDuplicate`
 * after the person confirmed it is not the same organisation); a probable duplicate is shown
 * with links to the existing cards and a "create anyway" button.
 */
export function OrganisationForm({
  initial,
  themeTerritoryId,
  places,
  submitLabel,
  save,
  children,
}: {
  initial: OrganisationValues;
  /** The territory whose themes are offered (shared ones and its own). */
  themeTerritoryId: string;
  /** Communes and quartiers the organisation may be located in. */
  places: { id: string; label: string }[];
  submitLabel: string;
  save(values: OrganisationValues, allowDuplicate: boolean): Promise<void>;
  /** Fields of the page's own placed before the submit button (a proposal's message). */
  children?: ComponentChildren;
}) {
  const { t } = useI18n();
  const themes = useThemes(themeTerritoryId);
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [candidates, setCandidates] = useState<DirectoryView['organisations']>([]);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusFirstError(error);
  const set = (key: keyof OrganisationValues) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (allowDuplicate: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await save(form, allowDuplicate);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'offline', t('ecosystem.common.offline')));
    } finally {
      setBusy(false);
    }
  };
  // The duplicate answer names no candidates the client can read: find them by name.
  useEffect(() => {
    if (error?.code !== 'organisation_duplicate') return setCandidates([]);
    request('GET /api/ecosystem/directory', { query: { q: form.name, limit: 5 } }).then(
      (r) => setCandidates(r.organisations),
      () => setCandidates([]),
    );
  }, [error]);
  const descriptionError = error?.forField('description');
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(false);
      }}
    >
      <Field
        label={t('ecosystem.create.name')}
        name="name"
        required
        value={form.name}
        onInput={set('name')}
        error={error?.forField('name')}
      />
      <div class="field">
        <label for="org-kind">{t('ecosystem.org.kind')}</label>
        <select id="org-kind" value={form.kind} onChange={set('kind')}>
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
        <label for="org-commune">{t('ecosystem.org.commune')}</label>
        <select id="org-commune" value={form.communeId} onChange={set('communeId')}>
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
              checked={form.themeIds.includes(th.id)}
              onChange={(e) =>
                setForm({
                  ...form,
                  themeIds: e.currentTarget.checked ? [...form.themeIds, th.id] : form.themeIds.filter((x) => x !== th.id),
                })
              }
            />
            <label for={`theme-${th.id}`}>{th.label}</label>
          </div>
        ))}
      </fieldset>
      <Field
        label={t('ecosystem.org.address')}
        name="address"
        value={form.address}
        onInput={set('address')}
        error={error?.forField('address')}
      />
      <Field
        label={t('ecosystem.org.website')}
        hint={t('ecosystem.edit.websiteHint')}
        name="website"
        type="url"
        value={form.website}
        onInput={set('website')}
        error={error?.forField('website')}
      />
      <Field
        label={t('ecosystem.org.publicEmail')}
        name="publicEmail"
        type="email"
        value={form.publicEmail}
        onInput={set('publicEmail')}
        error={error?.forField('publicEmail')}
      />
      <Field
        label={t('ecosystem.edit.publicPhone')}
        name="publicPhone"
        type="tel"
        value={form.publicPhone}
        onInput={set('publicPhone')}
        error={error?.forField('publicPhone')}
      />
      <div class="field">
        <label for="org-description">{t('ecosystem.create.description')}</label>
        <textarea
          id="org-description"
          rows={3}
          maxLength={4000}
          value={form.description}
          onInput={set('description')}
          aria-invalid={descriptionError ? 'true' : undefined}
          aria-describedby={descriptionError ? 'org-description-error' : undefined}
        />
        {descriptionError && (
          <p class="field-error" id="org-description-error">
            {descriptionError}
          </p>
        )}
      </div>
      {error && (
        <div tabIndex={-1} data-error-summary>
          <Alert>{error.fieldErrors.length ? t('ecosystem.common.fixFields', { count: error.fieldErrors.length }) : error.message}</Alert>
        </div>
      )}
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
      {children}
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
