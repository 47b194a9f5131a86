import {
  COFUNDER_KINDS,
  type CallView,
  type CofunderKind,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TYPES,
  type DocumentType,
  type ReviewerCandidateView,
  STEP_KINDS,
  type StepKind,
  TRACKS,
  type Track,
} from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { asApiError, fileToBase64, problemMessage } from './common';
import { formatEurosInput, parseEuros } from './money';
import { RowList, rowKey, SelectField, TextField } from './row-editor';

interface PriorityRow {
  key: string;
  id?: string;
  text: string;
  changeId: string;
}
interface ReferentRow {
  key: string;
  id?: string;
  track: Track;
  cofunderId: string;
  institution: string;
  territoryId: string;
  name: string;
  email: string;
  phone: string;
}
interface StepRow {
  key: string;
  id?: string;
  kind: StepKind;
  label: string;
  opensOn: string;
  closesOn: string;
}
interface CofunderRow {
  key: string;
  id?: string;
  kind: CofunderKind;
  name: string;
  detail: string;
  envelope: string;
  tracks: Track[];
  reviewers: { userId: string; name: string }[];
}

/**
 * The call's edit mode (its team): the call itself (title, note de cadrage, priorities linked to
 * the territory's pathway changes, eligible territories, tracks, referents, dated steps), then
 * the co-funders with envelopes and reviewers, then the attached files. Each part saves on its own
 * with the call's version (a 409 says someone saved first).
 */
export function CallEditor({ call, onSaved, onClose }: { call: CallView; onSaved(call: CallView): void; onClose(): void }) {
  const { t } = useI18n();
  return (
    <div class="call-editor">
      <h2>{t('calls.edit.title')}</h2>
      <p>
        <Button type="button" variant="secondary" onClick={onClose}>
          {t('calls.edit.close')}
        </Button>
      </p>
      <CallForm call={call} onSaved={onSaved} />
      <CofundersForm call={call} onSaved={onSaved} />
      <FilesForm call={call} onSaved={onSaved} />
    </div>
  );
}

function useChanges(territoryId: string) {
  const [changes, setChanges] = useState<{ id: string; text: string }[]>([]);
  useEffect(() => {
    request('GET /api/pathways', { query: { territoryId } })
      .then((list) =>
        Promise.all(
          list
            .filter((p) => p.owner.kind === 'territory')
            .map((p) => request('GET /api/pathways/:id', { params: { id: p.id } }).then((full) => full.changes)),
        ),
      )
      .then((all) => setChanges(all.flat().map((c) => ({ id: c.id, text: c.text }))))
      .catch(() => setChanges([]));
  }, [territoryId]);
  return changes;
}

function usePlaces(territoryId: string) {
  const [places, setPlaces] = useState<{ id: string; name: string; kind: string }[]>([]);
  useEffect(() => {
    request('GET /api/territories/:id/children', { params: { id: territoryId }, query: { kind: ['commune', 'qpv'], descendants: 'true' } })
      .then((r) => setPlaces(r.items.map((x) => ({ id: x.id, name: x.label, kind: x.kind }))))
      .catch(() => setPlaces([]));
  }, [territoryId]);
  return places;
}

function CallForm({ call, onSaved }: { call: CallView; onSaved(call: CallView): void }) {
  const { t } = useI18n();
  const changes = useChanges(call.territoryId);
  const places = usePlaces(call.territoryId);
  const [title, setTitle] = useState(call.title);
  const [year, setYear] = useState(String(call.year));
  const [framing, setFraming] = useState(call.framing);
  const [priorities, setPriorities] = useState<PriorityRow[]>(() =>
    call.priorities.map((p) => ({ key: rowKey(), id: p.id, text: p.text, changeId: p.change?.id ?? '' })),
  );
  const [eligible, setEligible] = useState<string[]>(call.eligibleTerritories.map((x) => x.id));
  const [tracks, setTracks] = useState(() =>
    TRACKS.map((track) => {
      const found = call.tracks.find((x) => x.track === track);
      return { track, enabled: found?.enabled ?? false, description: found?.description ?? '' };
    }),
  );
  const [referents, setReferents] = useState<ReferentRow[]>(() =>
    call.referents.map((r) => ({
      key: rowKey(),
      id: r.id,
      track: r.track,
      cofunderId: r.cofunderId ?? '',
      institution: r.institution,
      territoryId: r.territory?.id ?? '',
      name: r.name,
      email: r.email,
      phone: r.phone,
    })),
  );
  const [steps, setSteps] = useState<StepRow[]>(() =>
    call.steps.map((s) => ({ key: rowKey(), id: s.id, kind: s.kind, label: s.label, opensOn: s.opensOn, closesOn: s.closesOn })),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof asApiError>>();
  const [saved, setSaved] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const next = await request('PUT /api/calls/:callId', {
        params: { callId: call.id },
        body: {
          version: call.version,
          title,
          year: Number(year),
          framing,
          priorities: priorities.map((p) => ({ ...(p.id ? { id: p.id } : {}), text: p.text, changeId: p.changeId || null })),
          eligibleTerritoryIds: eligible,
          tracks,
          referents: referents.map((r) => ({
            ...(r.id ? { id: r.id } : {}),
            track: r.track,
            cofunderId: r.cofunderId || null,
            institution: r.institution,
            territoryId: r.territoryId || null,
            name: r.name,
            email: r.email,
            phone: r.phone,
          })),
          steps: steps.map((s) => ({
            ...(s.id ? { id: s.id } : {}),
            kind: s.kind,
            label: s.label,
            opensOn: s.opensOn,
            closesOn: s.closesOn,
          })),
        },
      });
      onSaved(next);
      setSaved(true);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate class="card" onSubmit={submit} aria-labelledby="edit-call-title">
      <h3 id="edit-call-title">{t('calls.edit.call')}</h3>
      {error && <Alert>{problemMessage(error, t('common.offline'))}</Alert>}
      {saved && <Alert kind="success">{t('calls.edit.saved')}</Alert>}
      <div class="field">
        <label for="call-title">{t('calls.create.name')}</label>
        <input id="call-title" value={title} maxLength={160} required onInput={(e) => setTitle(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="call-year">{t('calls.create.year')}</label>
        <input id="call-year" inputMode="numeric" value={year} onInput={(e) => setYear(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="call-framing">{t('calls.framing.title')}</label>
        <p class="hint" id="call-framing-hint">
          {t('calls.edit.framingHint')}
        </p>
        <textarea
          id="call-framing"
          rows={10}
          aria-describedby="call-framing-hint"
          value={framing}
          onInput={(e) => setFraming(e.currentTarget.value)}
        />
      </div>
      <fieldset>
        <legend>{t('calls.priorities.title')}</legend>
        <RowList<PriorityRow>
          rows={priorities}
          setRows={setPriorities}
          blank={() => ({ key: rowKey(), text: '', changeId: '' })}
          addLabel={t('calls.edit.addPriority')}
          removeLabel={t('calls.edit.remove')}
          rowClass="row-fields"
        >
          {(p, i, patch) => (
            <>
              <TextField
                id={`priority-${p.key}`}
                label={t('calls.edit.priority', { n: i + 1 })}
                value={p.text}
                onValue={(text) => patch({ text })}
              />
              <SelectField
                id={`priority-change-${p.key}`}
                label={t('calls.priorities.change')}
                value={p.changeId}
                options={[{ value: '', label: t('calls.edit.noChange') }, ...changes.map((c) => ({ value: c.id, label: c.text }))]}
                onValue={(changeId) => patch({ changeId })}
              />
            </>
          )}
        </RowList>
      </fieldset>
      <fieldset>
        <legend>{t('calls.territories.title')}</legend>
        {places.length === 0 && <p class="muted">{t('common.loading')}</p>}
        <div class="check-grid">
          {places.map((x) => (
            <label key={x.id} class="choice">
              <input
                type="checkbox"
                checked={eligible.includes(x.id)}
                onChange={(e) => setEligible((ids) => (e.currentTarget.checked ? [...ids, x.id] : ids.filter((id) => id !== x.id)))}
              />{' '}
              {x.name} ({t(`calls.kind.${x.kind}`)})
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('calls.tracks.title')}</legend>
        {tracks.map((tr) => (
          <div key={tr.track} class="track-edit">
            <label class="choice">
              <input
                type="checkbox"
                checked={tr.enabled}
                onChange={(e) =>
                  setTracks((rows) => rows.map((r) => (r.track === tr.track ? { ...r, enabled: e.currentTarget.checked } : r)))
                }
              />{' '}
              {t(`calls.track.${tr.track}`)}
            </label>
            <div class="field">
              <label for={`track-desc-${tr.track}`}>{t('calls.edit.trackDescription')}</label>
              <textarea
                id={`track-desc-${tr.track}`}
                rows={2}
                value={tr.description}
                onInput={(e) =>
                  setTracks((rows) => rows.map((r) => (r.track === tr.track ? { ...r, description: e.currentTarget.value } : r)))
                }
              />
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('calls.referents.title')}</legend>
        <RowList<ReferentRow>
          rows={referents}
          setRows={setReferents}
          blank={() => ({
            key: rowKey(),
            track: 'projet_collectif',
            cofunderId: '',
            institution: '',
            territoryId: '',
            name: '',
            email: '',
            phone: '',
          })}
          addLabel={t('calls.edit.addReferent')}
          removeLabel={t('calls.edit.remove')}
          title={(_, i) => t('calls.edit.referent', { n: i + 1 })}
        >
          {(r, _, patch) => (
            <>
              <SelectField
                id={`ref-track-${r.key}`}
                label={t('calls.applications.track')}
                value={r.track}
                options={TRACKS.map((x) => ({ value: x, label: t(`calls.track.${x}`) }))}
                onValue={(track) => patch({ track })}
              />
              <SelectField
                id={`ref-cofunder-${r.key}`}
                label={t('calls.edit.referentCofunder')}
                value={r.cofunderId}
                options={[
                  { value: '', label: t('calls.edit.otherInstitution') },
                  ...call.cofunders.map((f) => ({ value: f.id, label: f.name })),
                ]}
                onValue={(cofunderId) => patch({ cofunderId })}
              />
              <TextField
                id={`ref-inst-${r.key}`}
                label={t('calls.edit.institution')}
                value={r.institution}
                onValue={(institution) => patch({ institution })}
              />
              <SelectField
                id={`ref-territory-${r.key}`}
                label={t('calls.edit.referentTerritory')}
                value={r.territoryId}
                options={[{ value: '', label: t('calls.edit.wholeCall') }, ...places.map((x) => ({ value: x.id, label: x.name }))]}
                onValue={(territoryId) => patch({ territoryId })}
              />
              <TextField id={`ref-name-${r.key}`} label={t('calls.edit.referentName')} value={r.name} onValue={(name) => patch({ name })} />
              <TextField
                id={`ref-email-${r.key}`}
                type="email"
                label={t('calls.edit.email')}
                value={r.email}
                onValue={(email) => patch({ email })}
              />
              <TextField
                id={`ref-phone-${r.key}`}
                type="tel"
                label={t('calls.edit.phone')}
                value={r.phone}
                onValue={(phone) => patch({ phone })}
              />
            </>
          )}
        </RowList>
      </fieldset>
      <fieldset>
        <legend>{t('calls.calendar.title')}</legend>
        <RowList<StepRow>
          rows={steps}
          setRows={setSteps}
          blank={() => ({ key: rowKey(), kind: 'depot', label: '', opensOn: '', closesOn: '' })}
          addLabel={t('calls.edit.addStep')}
          removeLabel={t('calls.edit.remove')}
          title={(_, i) => t('calls.edit.step', { n: i + 1 })}
        >
          {(s, _, patch) => (
            <>
              <SelectField
                id={`step-kind-${s.key}`}
                label={t('calls.edit.stepKind')}
                value={s.kind}
                options={STEP_KINDS.map((k) => ({ value: k, label: t(`calls.stepKind.${k}`) }))}
                onValue={(kind) => patch({ kind })}
              />
              <TextField
                id={`step-label-${s.key}`}
                label={t('calls.edit.stepLabel')}
                value={s.label}
                onValue={(label) => patch({ label })}
              />
              <TextField
                id={`step-opens-${s.key}`}
                type="date"
                label={t('calls.edit.opensOn')}
                value={s.opensOn}
                onValue={(opensOn) => patch({ opensOn })}
              />
              <TextField
                id={`step-closes-${s.key}`}
                type="date"
                label={t('calls.edit.closesOn')}
                value={s.closesOn}
                onValue={(closesOn) => patch({ closesOn })}
              />
            </>
          )}
        </RowList>
      </fieldset>
      <Button type="submit" busy={busy}>
        {t('calls.edit.save')}
      </Button>
    </form>
  );
}

/**
 * Picks reviewers among the accounts the call's team may name (people with a role on the call's
 * territory, above or below it), filtered by name or email as one types.
 */
function ReviewerPicker({
  row,
  candidates,
  onChange,
}: {
  row: CofunderRow;
  candidates: readonly ReviewerCandidateView[] | 'failed' | undefined;
  onChange(reviewers: CofunderRow['reviewers']): void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const needle = q.trim().toLocaleLowerCase('fr');
  const found =
    needle.length < 2 || !Array.isArray(candidates)
      ? []
      : candidates
          .filter((u) => u.name.toLocaleLowerCase('fr').includes(needle) || u.email.toLocaleLowerCase('fr').includes(needle))
          .slice(0, 20)
          .map((u) => ({ userId: u.userId, name: `${u.name} (${u.email})` }));
  const refused = candidates === 'failed';
  return (
    <fieldset class="reviewers">
      <legend>{t('calls.cofunders.reviewers')}</legend>
      <ul class="chips">
        {row.reviewers.map((r) => (
          <li key={r.userId}>
            {r.name}{' '}
            <button
              type="button"
              class="link-button"
              aria-label={t('calls.edit.removeReviewer', { name: r.name })}
              onClick={() => onChange(row.reviewers.filter((x) => x.userId !== r.userId))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div class="field">
        <label for={`reviewer-q-${row.key}`}>{t('calls.edit.findReviewer')}</label>
        <input id={`reviewer-q-${row.key}`} type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        {refused && <p class="hint">{t('calls.edit.reviewersUnavailable')}</p>}
        {!refused && needle.length >= 2 && found.length === 0 && <p class="hint">{t('calls.edit.noReviewerFound')}</p>}
      </div>
      {found.length > 0 && (
        <ul class="picker-results">
          {found
            .filter((u) => !row.reviewers.some((r) => r.userId === u.userId))
            .map((u) => (
              <li key={u.userId}>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => {
                    onChange([...row.reviewers, u]);
                    setQ('');
                  }}
                >
                  {t('calls.edit.addReviewer', { name: u.name })}
                </button>
              </li>
            ))}
        </ul>
      )}
    </fieldset>
  );
}

function CofundersForm({ call, onSaved }: { call: CallView; onSaved(call: CallView): void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<CofunderRow[]>(() =>
    call.cofunders.map((f) => ({
      key: rowKey(),
      id: f.id,
      kind: f.kind,
      name: f.name,
      detail: f.detail,
      envelope: f.envelopeCents ? formatEurosInput(f.envelopeCents) : '',
      tracks: f.tracks,
      reviewers: f.reviewers,
    })),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [candidates, setCandidates] = useState<ReviewerCandidateView[] | 'failed'>();
  useEffect(() => {
    request('GET /api/calls/:callId/reviewer-candidates', { params: { callId: call.id } })
      .then(setCandidates)
      .catch(() => setCandidates('failed'));
  }, [call.id]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    const bad = rows.find((r) => !parseEuros(r.envelope).ok);
    if (bad) {
      setError(t('calls.edit.badEnvelope', { name: bad.name || '?' }));
      return;
    }
    setBusy(true);
    try {
      const next = await request('PUT /api/calls/:callId/cofunders', {
        params: { callId: call.id },
        body: {
          version: call.version,
          cofunders: rows.map((r) => {
            const parsed = parseEuros(r.envelope);
            return {
              ...(r.id ? { id: r.id } : {}),
              kind: r.kind,
              name: r.name,
              detail: r.detail,
              envelopeCents: parsed.ok ? parsed.cents : 0,
              tracks: r.tracks,
              reviewerUserIds: r.reviewers.map((x) => x.userId),
            };
          }),
        },
      });
      onSaved(next);
      setSaved(true);
    } catch (err) {
      setError(problemMessage(err, t('common.offline')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate class="card" onSubmit={submit} aria-labelledby="edit-cofunders-title">
      <h3 id="edit-cofunders-title">{t('calls.cofunders.title')}</h3>
      {error && <Alert>{error}</Alert>}
      {saved && <Alert kind="success">{t('calls.edit.saved')}</Alert>}
      <RowList<CofunderRow>
        rows={rows}
        setRows={setRows}
        blank={() => ({ key: rowKey(), kind: 'etat', name: '', detail: '', envelope: '', tracks: [], reviewers: [] })}
        addLabel={t('calls.edit.addCofunder')}
        removeLabel={t('calls.edit.remove')}
        as="fieldset"
        rowClass="row-fields"
        title={(r, i) => r.name || t('calls.edit.cofunder', { n: i + 1 })}
      >
        {(r, _, patch) => (
          <>
            <SelectField
              id={`cof-kind-${r.key}`}
              label={t('calls.cofunders.kind')}
              value={r.kind}
              options={COFUNDER_KINDS.map((k) => ({ value: k, label: t(`calls.cofunderKind.${k}`) }))}
              onValue={(kind) => patch({ kind })}
            />
            <TextField id={`cof-name-${r.key}`} label={t('calls.cofunders.name')} value={r.name} onValue={(name) => patch({ name })} />
            <TextField
              id={`cof-detail-${r.key}`}
              label={t('calls.edit.cofunderDetail')}
              value={r.detail}
              onValue={(detail) => patch({ detail })}
            />
            <TextField
              id={`cof-envelope-${r.key}`}
              inputMode="decimal"
              label={t('calls.edit.envelope')}
              value={r.envelope}
              invalid={!parseEuros(r.envelope).ok}
              onValue={(envelope) => patch({ envelope })}
            />
            <fieldset>
              <legend>{t('calls.cofunders.tracks')}</legend>
              {TRACKS.map((x) => (
                <label key={x} class="choice">
                  <input
                    type="checkbox"
                    checked={r.tracks.includes(x)}
                    onChange={(e) => patch({ tracks: e.currentTarget.checked ? [...r.tracks, x] : r.tracks.filter((y) => y !== x) })}
                  />{' '}
                  {t(`calls.track.${x}`)}
                </label>
              ))}
            </fieldset>
            <ReviewerPicker row={r} candidates={candidates} onChange={(reviewers) => patch({ reviewers })} />
          </>
        )}
      </RowList>
      <div class="form-actions">
        <Button type="submit" busy={busy}>
          {t('calls.edit.saveCofunders')}
        </Button>
      </div>
    </form>
  );
}

function FilesForm({ call, onSaved }: { call: CallView; onSaved(call: CallView): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(undefined);
    if (!(file.type in DOCUMENT_TYPES)) return setError(t('calls.documents.badType'));
    if (file.size > DOCUMENT_MAX_BYTES) return setError(t('calls.documents.tooLarge'));
    setBusy(true);
    try {
      onSaved(
        await request('POST /api/calls/:callId/files', {
          params: { callId: call.id },
          body: { filename: file.name, mime: file.type as DocumentType, contentBase64: await fileToBase64(file) },
        }),
      );
    } catch (err) {
      setError(problemMessage(err, t('common.offline')));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (fileId: string) => {
    try {
      onSaved(await request('DELETE /api/calls/:callId/files/:fileId', { params: { callId: call.id, fileId } }));
    } catch (err) {
      setError(problemMessage(err, t('common.offline')));
    }
  };
  return (
    <section class="card" aria-labelledby="edit-files-title">
      <h3 id="edit-files-title">{t('calls.files.title')}</h3>
      {error && <Alert>{error}</Alert>}
      <ul>
        {call.files.map((f) => (
          <li key={f.id}>
            {f.filename}{' '}
            <button type="button" class="link-button" onClick={() => remove(f.id)}>
              {t('calls.edit.removeFile', { name: f.filename })}
            </button>
          </li>
        ))}
      </ul>
      <div class="field">
        <label for="call-file">{t('calls.edit.addFile')}</label>
        <p class="hint" id="call-file-hint">
          {t('calls.documents.hint')}
        </p>
        <input
          id="call-file"
          type="file"
          aria-describedby="call-file-hint"
          accept={Object.keys(DOCUMENT_TYPES).join(',')}
          disabled={busy}
          onChange={(e) => void upload(e.currentTarget.files?.[0])}
        />
      </div>
    </section>
  );
}
