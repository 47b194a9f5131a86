import { type ActivityResults, HORIZONS, type PathwaySummaryView, type PathwayView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';

type Proposal = Extract<ActivityResults, { kind: 'ideas' }>['ideas'][number];

/**
 * The facilitator's side of a pathway workshop (a live activity whose phones propose changes by
 * horizon): choose the pathway the room feeds, then accept each proposal (it is added to the
 * pathway through the pathway's own route, then marked accepted in the room), merge it into an
 * existing change, or discard it. The projector shows the proposals as they come.
 */
export function PathwayWorkshopConsole({
  roomId,
  activityId,
  results,
  onDone,
}: {
  roomId: string;
  activityId: string;
  results: ActivityResults | undefined;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [pathways, setPathways] = useState<PathwaySummaryView[]>([]);
  const [pathwayId, setPathwayId] = useState('');
  const [pathway, setPathway] = useState<PathwayView>();
  const [mergeInto, setMergeInto] = useState<Record<number, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<number>();
  useEffect(() => {
    request('GET /api/pathways', { query: {} })
      .then((list) => {
        setPathways(list);
        if (list[0]) setPathwayId((id) => id || (list[0] as PathwaySummaryView).id);
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (!pathwayId) return;
    request('GET /api/pathways/:id', { params: { id: pathwayId } })
      .then(setPathway)
      .catch((e: Error) => setError(e.message));
  }, [pathwayId]);
  if (results?.kind !== 'ideas') return null;
  const decide = async (p: Proposal, decision: 'accepted' | 'merged' | 'discarded', into = '') =>
    request('POST /api/live/rooms/:roomId/activities/:activityId/proposals/:idea/decision', {
      params: { roomId, activityId, idea: p.id },
      body: { decision, into },
    });
  const act = async (p: Proposal, run: () => Promise<unknown>) => {
    setBusy(p.id);
    setError(undefined);
    try {
      await run();
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };
  const horizonOf = (p: Proposal) => HORIZONS[p.theme] ?? 'court';
  return (
    <section class="pathway-workshop-console" aria-labelledby={`workshop-${activityId}`}>
      <h3 id={`workshop-${activityId}`}>{t('pathways.workshop.title')}</h3>
      {error && <Alert>{error}</Alert>}
      <div class="field">
        <label for={`workshop-pathway-${activityId}`}>{t('pathways.workshop.pathway')}</label>
        <select id={`workshop-pathway-${activityId}`} value={pathwayId} onChange={(e) => setPathwayId(e.currentTarget.value)}>
          {pathways.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title} — {p.owner.name}
            </option>
          ))}
        </select>
      </div>
      {results.ideas.length === 0 && <p>{t('pathways.workshop.none')}</p>}
      <ul class="workshop-proposals">
        {results.ideas.map((p) => {
          const horizon = horizonOf(p);
          const candidates = (pathway?.changes ?? []).filter((c) => c.horizon === horizon);
          return (
            <li key={p.id} class="card">
              <p>
                <strong>{t(`pathways.horizon.${horizon}`)}</strong> — {p.text}
              </p>
              {p.decision ? (
                <p class="workshop-decision">{t(`pathways.workshop.decided.${p.decision.decision}`, { into: p.decision.into })}</p>
              ) : (
                pathway?.may.edit && (
                  <div class="actions">
                    <Button
                      type="button"
                      busy={busy === p.id}
                      onClick={() =>
                        act(p, async () => {
                          const next = await request('POST /api/pathways/:id/changes', {
                            params: { id: pathway.id },
                            body: { horizon, text: p.text },
                          });
                          setPathway(next);
                          await decide(p, 'accepted', p.text);
                        })
                      }
                    >
                      {t('pathways.workshop.accept')}
                      <span class="visually-hidden"> : {p.text}</span>
                    </Button>
                    {candidates.length > 0 && (
                      <>
                        <label class="visually-hidden" for={`merge-${p.id}`}>
                          {t('pathways.workshop.mergeInto')}
                        </label>
                        <select
                          id={`merge-${p.id}`}
                          value={mergeInto[p.id] ?? ''}
                          onChange={(e) => setMergeInto({ ...mergeInto, [p.id]: e.currentTarget.value })}
                        >
                          <option value="">{t('pathways.workshop.mergeInto')}</option>
                          {candidates.map((c) => (
                            <option key={c.id} value={c.text}>
                              {c.text.slice(0, 80)}
                            </option>
                          ))}
                        </select>
                        <Button
                          type="button"
                          variant="secondary"
                          disabled={!mergeInto[p.id]}
                          onClick={() => act(p, () => decide(p, 'merged', mergeInto[p.id] ?? ''))}
                        >
                          {t('pathways.workshop.merge')}
                          <span class="visually-hidden"> : {p.text}</span>
                        </Button>
                      </>
                    )}
                    <Button type="button" variant="secondary" onClick={() => act(p, () => decide(p, 'discarded'))}>
                      {t('pathways.workshop.discard')}
                      <span class="visually-hidden"> : {p.text}</span>
                    </Button>
                  </div>
                )
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
