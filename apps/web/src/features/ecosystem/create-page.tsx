import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useRouter } from '../../shared/router';
import { PageTitle } from '../../shared/ui';
import { EcoTabs, TerritorySelect, useEcoTerritory } from './common';
import { emptyOrganisation, OrganisationForm, type OrganisationValues } from './organisation-form';
import './ecosystem.css';

/** The communes and quartiers below a territory, for the "commune" select. */
export function usePlaces(territoryId: string): { id: string; label: string }[] {
  const [places, setPlaces] = useState<{ id: string; label: string }[]>([]);
  useEffect(() => {
    if (!territoryId) return;
    request('GET /api/territories/:id/children', { params: { id: territoryId } }).then(
      (r) => setPlaces(r.items),
      () => setPlaces([]),
    );
  }, [territoryId]);
  return places;
}

/** The organisation body the API takes, from the form's values. */
export function organisationBody(v: OrganisationValues, territoryIds: string[], allowDuplicate: boolean) {
  return {
    name: v.name,
    kind: v.kind,
    companyId: v.companyId,
    rna: v.rna,
    ...(v.communeId ? { communeId: v.communeId } : {}),
    territoryIds,
    themeIds: v.themeIds,
    address: v.address,
    website: v.website,
    publicEmail: v.publicEmail,
    publicPhone: v.publicPhone,
    description: v.description,
    allowDuplicate,
  };
}

/** `/ecosysteme/organisations/nouvelle`: records an organisation; probable duplicates are shown first. */
export default function CreateOrganisationPage() {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const places = usePlaces(territoryId);
  const save = async (values: OrganisationValues, allowDuplicate: boolean) => {
    const created = await request('POST /api/ecosystem/organisations', {
      body: organisationBody(values, [values.communeId || territoryId], allowDuplicate),
    });
    navigate(`/ecosysteme/organisations/${created.id}`);
  };
  return (
    <section class="ecosystem">
      <PageTitle>{t('ecosystem.create.title')}</PageTitle>
      <EcoTabs current="directory" territoryId={territoryId} />
      {options.length > 0 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
      <OrganisationForm
        initial={emptyOrganisation}
        themeTerritoryId={territoryId}
        places={places}
        submitLabel={t('ecosystem.create.submit')}
        save={save}
      />
    </section>
  );
}
