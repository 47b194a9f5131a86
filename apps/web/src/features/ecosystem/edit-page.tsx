import { useEffect, useState } from 'preact/hooks';
import type { OrganisationView as OrganisationData } from '@maillage/core';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import { organisationBody, usePlaces } from './create-page';
import { OrganisationForm, type OrganisationValues } from './organisation-form';
import './ecosystem.css';

/**
 * `/ecosysteme/organisations/:id/modifier`: edits an organisation's card. Who may only propose a
 * change (`/proposer`, or `/modifier` without the right to edit) fills the same form, prefilled,
 * with an optional message: it is sent as a proposal for its members or a coordinator to decide.
 */
export default function EditOrganisationPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [message, setMessage] = useState('');
  const [org, setOrg] = useState<OrganisationData | null | 'missing'>(null);
  useEffect(() => {
    request('GET /api/ecosystem/organisations/:id', { params: { id: params.id ?? '' } }).then(setOrg, (e: ApiError) =>
      setOrg(e.status === 404 ? 'missing' : null),
    );
  }, [params.id]);
  // Communes offered: those below the organisation's broadest territory of action.
  const home =
    org && org !== 'missing'
      ? (org.territories.find((x) => x.kind !== 'commune' && x.kind !== 'quartier') ?? org.territories[0])
      : undefined;
  const below = usePlaces(home?.id ?? '');
  if (org === null) return <p aria-busy="true">{t('ecosystem.org.loading')}</p>;
  if (org === 'missing') return <Alert>{t('ecosystem.org.notFound')}</Alert>;
  const places = [
    ...(org.commune && !below.some((p) => p.id === org.commune?.id) ? [{ id: org.commune.id, label: org.commune.name }] : []),
    ...org.territories.filter((x) => x.kind === 'commune' && !below.some((p) => p.id === x.id)).map((x) => ({ id: x.id, label: x.name })),
    ...below,
  ].filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
  const initial: OrganisationValues = {
    name: org.name,
    kind: org.kind,
    companyId: org.siret ?? org.siren ?? '',
    rna: org.rna ?? '',
    communeId: org.commune?.id ?? '',
    address: org.address ?? '',
    website: org.website ?? '',
    publicEmail: org.publicEmail ?? '',
    publicPhone: org.publicPhone ?? '',
    description: org.description ?? '',
    themeIds: org.themes.map((x) => x.id),
  };
  const proposing = !org.canEdit && org.canPropose;
  const propose = async (values: OrganisationValues) => {
    const { allowDuplicate: _, ...body } = organisationBody(
      values,
      org.territories.map((x) => x.id),
      false,
    );
    await request('POST /api/ecosystem/organisations/:id/proposals', {
      params: { id: org.id },
      body: { ...body, baseVersion: org.version, message: message.trim() || null },
    });
    navigate(`/ecosysteme/organisations/${org.id}?proposee=1`);
  };
  const save = async (values: OrganisationValues, allowDuplicate: boolean) => {
    // Its territories of action stay; a new commune is added to them.
    await request('PUT /api/ecosystem/organisations/:id', {
      params: { id: org.id },
      body: organisationBody(
        values,
        org.territories.map((x) => x.id),
        allowDuplicate,
      ),
    });
    navigate(`/ecosysteme/organisations/${org.id}?modifiee=1`);
  };
  return (
    <section class="ecosystem">
      <PageTitle>{t(proposing ? 'ecosystem.propose.title' : 'ecosystem.edit.title', { name: org.name })}</PageTitle>
      <p>
        <Link href={`/ecosysteme/organisations/${org.id}`}>{t('ecosystem.edit.back')}</Link>
      </p>
      {proposing && <Alert kind="info">{t('ecosystem.propose.intro')}</Alert>}
      {!org.canEdit && !org.canPropose && <Alert kind="info">{t('ecosystem.edit.notAllowed')}</Alert>}
      <p class="hint">{t('ecosystem.edit.territories', { names: org.territories.map((x) => x.name).join(', ') })}</p>
      <OrganisationForm
        initial={initial}
        themeTerritoryId={home?.id ?? ''}
        places={places}
        submitLabel={t(proposing ? 'ecosystem.propose.submit' : 'ecosystem.edit.submit')}
        save={proposing ? propose : save}
      >
        {proposing && (
          <div class="field">
            <label for="proposal-message">{t('ecosystem.propose.message')}</label>
            <p class="hint" id="proposal-message-hint">
              {t('ecosystem.propose.messageHint')}
            </p>
            <textarea
              id="proposal-message"
              rows={3}
              maxLength={2000}
              aria-describedby="proposal-message-hint"
              value={message}
              onInput={(e) => setMessage(e.currentTarget.value)}
            />
          </div>
        )}
      </OrganisationForm>
    </section>
  );
}
