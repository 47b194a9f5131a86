import type { CallView, CollectiveDetailView, CollectiveSummaryView, Track } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useRouter } from '../../shared/router';
import { Alert, Button } from '../../shared/ui';
import { DirectoryPicker, type Picked } from '../collectives/pickers';
import { asApiError, problemMessage } from './common';

/**
 * « Déposer une demande »: the track, the collective it comes from (its sheet and pathway fill
 * the action in), the lead structure and its partners. The draft opens in the application editor.
 */
export function ApplyForm({ call, onCancel }: { call: CallView; onCancel(): void }) {
  const { t } = useI18n();
  const { navigate, search } = useRouter();
  const tracks = call.tracks.filter((x) => x.enabled).map((x) => x.track);
  const [track, setTrack] = useState<Track>(tracks.includes('projet_collectif') ? 'projet_collectif' : (tracks[0] ?? 'projet_individuel'));
  const [collectives, setCollectives] = useState<CollectiveSummaryView[]>([]);
  const [collectiveId, setCollectiveId] = useState(search.get('collectif') ?? '');
  const [collective, setCollective] = useState<CollectiveDetailView>();
  const [leadId, setLeadId] = useState('');
  const [lead, setLead] = useState<Picked>();
  const [partnerIds, setPartnerIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof asApiError>>();
  useEffect(() => {
    request('GET /api/collectives', { query: {} })
      .then(setCollectives)
      .catch(() => setCollectives([]));
  }, []);
  useEffect(() => {
    setCollective(undefined);
    if (!collectiveId) return;
    request('GET /api/collectives/:id', { params: { id: collectiveId } })
      .then((c) => {
        setCollective(c);
        const orgs = organisationsOf(c);
        setLeadId(orgs[0]?.id ?? '');
        setPartnerIds(orgs.slice(1).map((o) => o.id));
      })
      .catch(() => setCollective(undefined));
  }, [collectiveId]);
  const organisations = collective ? organisationsOf(collective) : [];
  const leadOrganisationId = collective ? leadId : (lead?.id ?? '');
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await request('POST /api/calls/:callId/applications', {
        params: { callId: call.id },
        body: {
          track,
          leadOrganisationId,
          partnerOrganisationIds: collective ? partnerIds.filter((id) => id !== leadId) : [],
          collectiveId: collectiveId || null,
        },
      });
      navigate(`/appels/${call.id}/demandes/${created.id}`);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card apply-form" aria-labelledby="apply-title">
      <h2 id="apply-title">{t('calls.apply.title')}</h2>
      <p>{t('calls.apply.intro')}</p>
      {error && <Alert>{problemMessage(error, t('common.offline'))}</Alert>}
      <form noValidate onSubmit={submit}>
        <fieldset>
          <legend>{t('calls.apply.track')}</legend>
          {tracks.map((x) => (
            <label key={x} class="choice">
              <input type="radio" name="track" value={x} checked={track === x} onChange={() => setTrack(x)} /> {t(`calls.track.${x}`)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="apply-collective">{t('calls.apply.collective')}</label>
          <p class="hint" id="apply-collective-hint">
            {t('calls.apply.collectiveHint')}
          </p>
          <select
            id="apply-collective"
            aria-describedby="apply-collective-hint"
            value={collectiveId}
            onChange={(e) => setCollectiveId(e.currentTarget.value)}
          >
            <option value="">{t('calls.apply.noCollective')}</option>
            {collectives.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        {collective ? (
          <>
            <div class="field">
              <label for="apply-lead">{t('calls.apply.lead')}</label>
              <select id="apply-lead" value={leadId} onChange={(e) => setLeadId(e.currentTarget.value)}>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
            {organisations.length > 1 && (
              <fieldset>
                <legend>{t('calls.apply.partners')}</legend>
                {organisations
                  .filter((o) => o.id !== leadId)
                  .map((o) => (
                    <label key={o.id} class="choice">
                      <input
                        type="checkbox"
                        checked={partnerIds.includes(o.id)}
                        onChange={(e) => setPartnerIds((ids) => (e.currentTarget.checked ? [...ids, o.id] : ids.filter((x) => x !== o.id)))}
                      />{' '}
                      {o.name}
                    </label>
                  ))}
              </fieldset>
            )}
          </>
        ) : (
          <>
            <DirectoryPicker
              what="organisations"
              label={t('calls.apply.lead')}
              hint={t('calls.apply.leadHint')}
              name="leadOrganisation"
              territoryId={call.territoryId}
              onPick={setLead}
              error={error?.forField('leadOrganisationId')}
            />
            {lead && <p>{t('calls.apply.leadChosen', { name: lead.name })}</p>}
          </>
        )}
        <div class="form-actions">
          <Button type="submit" busy={busy} disabled={!leadOrganisationId}>
            {t('calls.apply.submit')}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t('calls.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** The organisations of a collective's current members (each once, with an id). */
function organisationsOf(c: CollectiveDetailView): { id: string; name: string }[] {
  const out = new Map<string, string>();
  for (const m of c.members) if (!m.leftAt && m.organisation?.id) out.set(m.organisation.id, m.organisation.name);
  return [...out].map(([id, name]) => ({ id, name }));
}
