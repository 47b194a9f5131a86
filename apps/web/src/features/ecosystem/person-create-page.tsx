import type { OrganisationView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useEcoTerritory, useThemes } from './common';
import { useFocusFirstError } from './organisation-form';
import './ecosystem.css';

/**
 * `/ecosysteme/personnes/nouvelle?organisation=ID`: records a person, usually from their
 * organisation's card. Contact details are recorded only with the person's consent (RGPD).
 */
export default function CreatePersonPage() {
  const { t } = useI18n();
  const { navigate, search } = useRouter();
  const organisationId = search.get('organisation') ?? '';
  const { territoryId } = useEcoTerritory();
  const [organisation, setOrganisation] = useState<OrganisationView | null>(null);
  const themeTerritory = organisation?.territories[0]?.id ?? territoryId;
  const themes = useThemes(themeTerritory);
  const [form, setForm] = useState({ name: '', function: '', resourceFor: '', email: '', phone: '' });
  const [isResource, setIsResource] = useState(false);
  const [consent, setConsent] = useState(false);
  const [themeIds, setThemeIds] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusFirstError(error);
  useEffect(() => {
    if (!organisationId) return;
    request('GET /api/ecosystem/organisations/:id', { params: { id: organisationId } }).then(setOrganisation, () => setOrganisation(null));
  }, [organisationId]);
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await request('POST /api/ecosystem/people', {
        body: {
          name: form.name,
          function: form.function,
          organisationIds: organisationId ? [organisationId] : [],
          territoryIds: organisationId || !territoryId ? [] : [territoryId],
          themeIds,
          isResource,
          resourceFor: isResource ? form.resourceFor : '',
          email: form.email,
          phone: form.phone,
          contactConsent: consent,
        },
      });
      navigate(`/ecosysteme/personnes/${created.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'offline', t('ecosystem.common.offline')));
    } finally {
      setBusy(false);
    }
  };
  const consentError = error?.forField('contactConsent');
  return (
    <section class="ecosystem">
      <PageTitle>{t('ecosystem.personCreate.title')}</PageTitle>
      {organisation && (
        <p>
          {t('ecosystem.personCreate.of')} <Link href={`/ecosysteme/organisations/${organisation.id}`}>{organisation.name}</Link>
        </p>
      )}
      <form ref={formRef} noValidate onSubmit={submit}>
        <Field
          label={t('ecosystem.personCreate.name')}
          name="name"
          required
          value={form.name}
          onInput={set('name')}
          error={error?.forField('name')}
        />
        <Field
          label={t('ecosystem.person.function')}
          name="function"
          value={form.function}
          onInput={set('function')}
          error={error?.forField('function')}
        />
        <div class="field-check">
          <input id="person-resource" type="checkbox" checked={isResource} onChange={(e) => setIsResource(e.currentTarget.checked)} />
          <label for="person-resource">{t('ecosystem.personCreate.isResource')}</label>
        </div>
        {isResource && (
          <Field
            label={t('ecosystem.personCreate.resourceFor')}
            hint={t('ecosystem.personCreate.resourceForHint')}
            name="resourceFor"
            value={form.resourceFor}
            onInput={set('resourceFor')}
            error={error?.forField('resourceFor')}
          />
        )}
        <fieldset class="field">
          <legend>{t('ecosystem.org.themes')}</legend>
          {themes.map((th) => (
            <div class="field-check" key={th.id}>
              <input
                id={`person-theme-${th.id}`}
                type="checkbox"
                checked={themeIds.includes(th.id)}
                onChange={(e) => setThemeIds(e.currentTarget.checked ? [...themeIds, th.id] : themeIds.filter((x) => x !== th.id))}
              />
              <label for={`person-theme-${th.id}`}>{th.label}</label>
            </div>
          ))}
        </fieldset>
        <fieldset class="field">
          <legend>{t('ecosystem.person.contact')}</legend>
          <p class="hint" id="person-consent-hint">
            {t('ecosystem.personCreate.consentHint')}
          </p>
          <div class="field-check">
            <input
              id="person-consent"
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.currentTarget.checked)}
              aria-invalid={consentError ? 'true' : undefined}
              aria-describedby={['person-consent-hint', consentError ? 'person-consent-error' : ''].filter(Boolean).join(' ')}
            />
            <label for="person-consent">{t('ecosystem.personCreate.consent')}</label>
          </div>
          {consentError && (
            <p class="field-error" id="person-consent-error">
              {consentError}
            </p>
          )}
          <Field
            label={t('ecosystem.personCreate.email')}
            name="email"
            type="email"
            value={form.email}
            onInput={set('email')}
            error={error?.forField('email')}
          />
          <Field
            label={t('ecosystem.personCreate.phone')}
            name="phone"
            type="tel"
            value={form.phone}
            onInput={set('phone')}
            error={error?.forField('phone')}
          />
        </fieldset>
        {error?.forField('territoryIds') && <Alert>{error.forField('territoryIds')}</Alert>}
        {error && (
          <div tabIndex={-1} data-error-summary>
            <Alert>{error.fieldErrors.length ? t('ecosystem.common.fixFields', { count: error.fieldErrors.length }) : error.message}</Alert>
          </div>
        )}
        <Button type="submit" busy={busy}>
          {t('ecosystem.personCreate.submit')}
        </Button>
      </form>
    </section>
  );
}
