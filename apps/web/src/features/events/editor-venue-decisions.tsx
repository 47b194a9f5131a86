import type { VenueConflictView, VenueDecisionsView, VenueDuplicateView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button } from '../../shared/ui';

/** Columns named in words on the page (others by their name). */
const namedColumns = new Set([
  'status',
  'checked_in_at',
  'cancelled_at',
  'name',
  'email',
  'description',
  'organisation_name',
  'lunch',
  'accessibility',
  'title',
  'address',
  'website',
  'function',
  'phone',
  'capacity',
]);
/** Registration and workshop statuses, said in words. */
const statusValues = new Set(['confirmed', 'waitlisted', 'cancelled', 'pending', 'dropped']);
const instant = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/**
 * What the day's return file left to decide, kept by the server (it is still here after a
 * reload): each conflict with both versions side by side, each probable duplicate with the
 * directory's person; the decided ones below, with who decided and when.
 */
export function VenueDecisions({ eventId, refresh }: { eventId: string; refresh: number }) {
  const { t, formatDate } = useI18n();
  const [view, setView] = useState<VenueDecisionsView>();
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const load = () =>
    request('GET /api/events/:id/venue/decisions', { params: { id: eventId } })
      .then((v) => {
        setView(v);
        setError('');
      })
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  useEffect(() => {
    void load();
  }, [eventId, refresh]);

  const decide = async (key: string, label: string, call: () => Promise<VenueDecisionsView>) => {
    setBusy(key);
    setError('');
    setDone('');
    try {
      setView(await call());
      setDone(t('events.venue.decisions.done', { label }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      if (e instanceof ApiError && e.status === 409) void load();
    } finally {
      setBusy('');
    }
  };
  const decideConflict = (c: VenueConflictView, decision: 'kept_territory' | 'took_laptop') =>
    decide(`${c.id}:${decision}`, c.label || c.rowKey, () =>
      request('POST /api/events/:id/venue/conflicts/:conflictId/decision', {
        params: { id: eventId, conflictId: c.id },
        body: { decision },
      }),
    );
  const decideDuplicate = (d: VenueDuplicateView, decision: 'linked' | 'kept_separate') =>
    decide(`${d.id}:${decision}`, d.walkInName, () =>
      request('POST /api/events/:id/venue/duplicates/:duplicateId/decision', {
        params: { id: eventId, duplicateId: d.id },
        body: { decision },
      }),
    );

  // A list that could not be read says so (the decisions are still waiting on the server).
  if (!view) return error ? <Alert>{error}</Alert> : null;
  if (view.conflicts.length === 0 && view.duplicates.length === 0) return null;
  const openConflicts = view.conflicts.filter((c) => c.status === 'open');
  const openDuplicates = view.duplicates.filter((d) => d.status === 'open');
  const decided = [
    ...view.conflicts.filter((c) => c.status !== 'open').map((c) => ({ ...c, label: c.label || c.rowKey })),
    ...view.duplicates.filter((d) => d.status !== 'open').map((d) => ({ ...d, label: d.walkInName })),
  ];
  const open = openConflicts.length + openDuplicates.length;

  const columnName = (c: string) => (namedColumns.has(c) ? t(`events.venue.column.${c}`) : c);
  const shownValue = (v: unknown, column: string): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (column === 'status' && typeof v === 'string' && statusValues.has(v)) return t(`events.venue.value.${v}`);
    if (typeof v === 'boolean') return v ? t('events.venue.decisions.yes') : t('events.venue.decisions.no');
    if (typeof v === 'string' && instant.test(v)) return formatDate(v, { dateStyle: 'short', timeStyle: 'short' });
    if (typeof v === 'string') return v;
    return JSON.stringify(v);
  };
  const conflictLink = (c: VenueConflictView) =>
    c.table === 'organisations'
      ? `/ecosysteme/organisations/${c.rowKey}`
      : c.table === 'people'
        ? `/ecosysteme/personnes/${c.rowKey}`
        : `/journees/${eventId}/inscriptions`;

  return (
    <section aria-labelledby="venue-decisions-title" class="venue-decisions">
      <h3 id="venue-decisions-title">{t('events.venue.decisions.title')}</h3>
      <p>{open > 0 ? t('events.venue.decisions.open', { n: open }) : t('events.venue.decisions.none')}</p>
      <div aria-live="polite">
        {error && <Alert>{error}</Alert>}
        {done && <Alert kind="success">{done}</Alert>}
      </div>
      {openConflicts.length > 0 && (
        <ul class="venue-decision-list">
          {openConflicts.map((c) => {
            const columns = c.columns.length > 0 ? c.columns : Object.keys(c.laptop);
            return (
              <li key={c.id} class="venue-decision">
                <h4 id={`conflict-${c.id}`}>
                  <Link href={conflictLink(c)}>{c.label || c.rowKey}</Link>
                </h4>
                <p class="hint">{t(`events.venue.reason.${c.reason}`)}</p>
                <div class="table-scroll">
                  <table aria-labelledby={`conflict-${c.id}`}>
                    <thead>
                      <tr>
                        <th scope="col">{t('events.venue.decisions.field')}</th>
                        <th scope="col">{t('events.venue.decisions.territory')}</th>
                        <th scope="col">{t('events.venue.decisions.laptop')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {columns.map((col) => (
                        <tr key={col}>
                          <th scope="row">{columnName(col)}</th>
                          <td>{c.territory ? shownValue(c.territory[col], col) : t('events.venue.decisions.gone')}</td>
                          <td>{shownValue(c.laptop[col], col)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {!c.canTakeLaptop && <p class="hint">{t('events.venue.decisions.cannotTake')}</p>}
                <div class="actions">
                  <Button
                    type="button"
                    variant="secondary"
                    busy={busy === `${c.id}:kept_territory`}
                    disabled={busy !== ''}
                    onClick={() => decideConflict(c, 'kept_territory')}
                  >
                    {t('events.venue.decisions.keepTerritory')}
                  </Button>
                  {c.canTakeLaptop && (
                    <Button
                      type="button"
                      busy={busy === `${c.id}:took_laptop`}
                      disabled={busy !== ''}
                      onClick={() => decideConflict(c, 'took_laptop')}
                    >
                      {t('events.venue.decisions.takeLaptop')}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {openDuplicates.length > 0 && (
        <ul class="venue-decision-list">
          {openDuplicates.map((d) => (
            <li key={d.id} class="venue-decision">
              <p>
                {t('events.venue.duplicate', { name: d.walkInName })}{' '}
                <Link href={`/ecosysteme/personnes/${d.directoryPersonId}`}>{d.directoryName}</Link>
              </p>
              <div class="actions">
                <Button type="button" busy={busy === `${d.id}:linked`} disabled={busy !== ''} onClick={() => decideDuplicate(d, 'linked')}>
                  {t('events.venue.decisions.samePerson')}
                </Button>
                <Button
                  type="button"
                  variant="secondary"
                  busy={busy === `${d.id}:kept_separate`}
                  disabled={busy !== ''}
                  onClick={() => decideDuplicate(d, 'kept_separate')}
                >
                  {t('events.venue.decisions.differentPeople')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {decided.length > 0 && (
        <>
          <h4>{t('events.venue.decisions.decidedTitle')}</h4>
          <ul class="venue-decided">
            {decided.map((d) => {
              const status = t(`events.venue.decisions.status.${d.status}`);
              const when = d.decidedAt ? formatDate(d.decidedAt, { dateStyle: 'long', timeStyle: 'short' }) : '';
              return (
                <li key={d.id}>
                  {d.label} : {d.decidedBy ? t('events.venue.decisions.by', { status, who: d.decidedBy, when }) : `${status}, ${when}`}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
