import { HORIZONS, type Horizon, horizonRank, MARKER_LEVELS, type MarkerLevel } from '@maillage/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { DetachedTag, LightTag, type Pathway, type PathwayChange } from './common';

type Organisation = { id: string; name: string };

/** Picks organisations of the ecosystem from the directory (search, then add; each chosen one removable). */
function OrganisationPicker({
  territoryId,
  chosen,
  onChange,
}: {
  territoryId: string;
  chosen: Organisation[];
  onChange: (next: Organisation[]) => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Organisation[]>([]);
  useEffect(() => {
    if (q.trim().length < 2) {
      setFound([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      request('GET /api/ecosystem/directory', { query: { q: q.trim(), territoryId, limit: 10 } })
        .then((r) => live && setFound(r.organisations.map((o) => ({ id: o.id, name: o.name }))))
        .catch(() => live && setFound([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, territoryId]);
  return (
    <fieldset>
      <legend>{t('pathways.change.organisations')}</legend>
      {chosen.length > 0 && (
        <ul class="chips">
          {chosen.map((o) => (
            <li key={o.id}>
              {o.name}{' '}
              <button type="button" class="btn btn-secondary" onClick={() => onChange(chosen.filter((x) => x.id !== o.id))}>
                {t('pathways.remove')}
                <span class="visually-hidden"> {o.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for="org-search">{t('pathways.change.searchOrganisation')}</label>
        <input id="org-search" type="search" autoComplete="off" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </div>
      {found.length > 0 && (
        <ul class="chips" aria-live="polite">
          {found
            .filter((o) => !chosen.some((c) => c.id === o.id))
            .map((o) => (
              <li key={o.id}>
                {o.name}{' '}
                <button type="button" class="btn btn-secondary" onClick={() => onChange([...chosen, o])}>
                  {t('pathways.add')}
                  <span class="visually-hidden"> {o.name}</span>
                </button>
              </li>
            ))}
        </ul>
      )}
    </fieldset>
  );
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** Editing one change: its horizon, text, actors and progress markers; deleting it. */
function ChangeForm({ pathway, change, onSaved }: { pathway: Pathway; change: PathwayChange; onSaved: (p: Pathway | null) => void }) {
  const { t } = useI18n();
  const [horizon, setHorizon] = useState<Horizon>(change.horizon);
  const [text, setText] = useState(change.text);
  const [organisations, setOrganisations] = useState<Organisation[]>(change.actors.organisations);
  const [kinds, setKinds] = useState(change.actors.kinds.join(', '));
  const [markers, setMarkers] = useState<Record<MarkerLevel, string>>(() => ({
    attendu: change.markers
      .filter((m) => m.level === 'attendu')
      .map((m) => m.text)
      .join('\n'),
    souhaite: change.markers
      .filter((m) => m.level === 'souhaite')
      .map((m) => m.text)
      .join('\n'),
    adore: change.markers
      .filter((m) => m.level === 'adore')
      .map((m) => m.text)
      .join('\n'),
  }));
  const [saved, setSaved] = useState(false);
  const save = useSubmit(async () => {
    setSaved(false);
    const next = await request('PATCH /api/pathways/:id/changes/:changeId', {
      params: { id: pathway.id, changeId: change.id },
      body: {
        horizon,
        text,
        actors: {
          organisationIds: organisations.map((o) => o.id),
          kinds: kinds
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean),
        },
        markers: MARKER_LEVELS.flatMap((level) => lines(markers[level]).map((m) => ({ level, text: m }))),
      },
    });
    setSaved(true);
    onSaved(next);
  });
  const remove = useSubmit(async () => {
    if (!window.confirm(t('pathways.change.confirmDelete'))) return;
    const next = await request('DELETE /api/pathways/:id/changes/:changeId', { params: { id: pathway.id, changeId: change.id } });
    onSaved(next);
  });
  const error = save.error ?? remove.error;
  return (
    <form onSubmit={save.run} noValidate class="change-form">
      {error && !error.fieldErrors.length && <Alert>{error.message}</Alert>}
      {saved && <Alert kind="success">{t('pathways.saved')}</Alert>}
      <div class="field">
        <label for="change-horizon">{t('pathways.change.horizon')}</label>
        <select id="change-horizon" value={horizon} onChange={(e) => setHorizon(e.currentTarget.value as Horizon)}>
          {HORIZONS.map((h) => (
            <option key={h} value={h}>
              {t(`pathways.horizon.${h}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="change-text">{t('pathways.change.text')}</label>
        <textarea
          id="change-text"
          rows={3}
          maxLength={400}
          value={text}
          aria-invalid={error?.forField('text') ? 'true' : undefined}
          aria-describedby={error?.forField('text') ? 'change-text-error' : undefined}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        {error?.forField('text') && (
          <p class="field-error" id="change-text-error">
            {error.forField('text')}
          </p>
        )}
      </div>
      <OrganisationPicker territoryId={pathway.territoryId} chosen={organisations} onChange={setOrganisations} />
      <div class="field">
        <label for="change-kinds">{t('pathways.change.kinds')}</label>
        <p class="hint" id="change-kinds-hint">
          {t('pathways.change.kindsHint')}
        </p>
        <input id="change-kinds" aria-describedby="change-kinds-hint" value={kinds} onInput={(e) => setKinds(e.currentTarget.value)} />
      </div>
      <fieldset>
        <legend>{t('pathways.change.markers')}</legend>
        <p class="hint">{t('pathways.change.markersHint')}</p>
        {MARKER_LEVELS.map((level) => (
          <div class="field" key={level}>
            <label for={`marker-${level}`}>{t(`pathways.marker.${level}`)}</label>
            <textarea
              id={`marker-${level}`}
              rows={2}
              value={markers[level]}
              onInput={(e) => setMarkers({ ...markers, [level]: e.currentTarget.value })}
            />
          </div>
        ))}
      </fieldset>
      <div class="actions">
        <Button type="submit" busy={save.busy}>
          {t('pathways.change.save')}
        </Button>
        <Button type="button" variant="secondary" busy={remove.busy} onClick={() => void remove.run()}>
          {t('pathways.change.delete')}
        </Button>
      </div>
    </form>
  );
}

/** The links leaving a change (toward a change of the same or a later horizon, or the vision). */
function Links({ pathway, change, onSaved }: { pathway: Pathway; change: PathwayChange; onSaved: (p: Pathway) => void }) {
  const { t } = useI18n();
  const targets = pathway.changes.filter((c) => c.id !== change.id && horizonRank(c.horizon) >= horizonRank(change.horizon));
  const [to, setTo] = useState('vision');
  const [rationale, setRationale] = useState('');
  const [assumptions, setAssumptions] = useState('');
  const textOf = new Map(pathway.changes.map((c) => [c.id, c.text]));
  const add = useSubmit(async () => {
    const next = await request('POST /api/pathways/:id/links', {
      params: { id: pathway.id },
      body: { from: change.id, to: to === 'vision' ? null : to, rationale, assumptions },
    });
    setRationale('');
    setAssumptions('');
    onSaved(next);
  });
  const [removing, setRemoving] = useState<string>();
  const out = pathway.links.filter((l) => l.from === change.id);
  return (
    <section aria-labelledby="links-title">
      <h3 id="links-title">{t('pathways.links.title')}</h3>
      {out.length === 0 && <p>{t('pathways.links.none')}</p>}
      <ul>
        {out.map((l) => (
          <li key={l.id}>
            → {l.to ? textOf.get(l.to) : t('pathways.horizon.vision')}
            {l.rationale && <p>{t('pathways.links.because', { text: l.rationale })}</p>}
            {l.assumptions && <p>{t('pathways.links.assuming', { text: l.assumptions })}</p>}
            <button
              type="button"
              class="btn btn-secondary"
              aria-busy={removing === l.id ? 'true' : undefined}
              onClick={async () => {
                setRemoving(l.id);
                try {
                  onSaved(await request('DELETE /api/pathways/:id/links/:linkId', { params: { id: pathway.id, linkId: l.id } }));
                } finally {
                  setRemoving(undefined);
                }
              }}
            >
              {t('pathways.links.delete')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add.run} noValidate>
        {add.error && <Alert>{add.error.message}</Alert>}
        <div class="field">
          <label for="link-to">{t('pathways.links.to')}</label>
          <select id="link-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            <option value="vision">{t('pathways.horizon.vision')}</option>
            {/* Every change is offered, earlier horizons too: the server says why a backward link is refused. */}
            {pathway.changes
              .filter((c) => c.id !== change.id)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {t(`pathways.horizon.${c.horizon}`)} — {c.text.slice(0, 80)}
                  {targets.some((x) => x.id === c.id) ? '' : ` (${t('pathways.links.earlier')})`}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="link-rationale">{t('pathways.links.rationale')}</label>
          <textarea id="link-rationale" rows={2} value={rationale} onInput={(e) => setRationale(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="link-assumptions">{t('pathways.links.assumptions')}</label>
          <textarea id="link-assumptions" rows={2} value={assumptions} onInput={(e) => setAssumptions(e.currentTarget.value)} />
        </div>
        <Button type="submit" busy={add.busy}>
          {t('pathways.links.add')}
        </Button>
      </form>
    </section>
  );
}

/** The actions that feed a change (who does what). */
function Actions({ pathway, change, onSaved }: { pathway: Pathway; change: PathwayChange; onSaved: (p: Pathway) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [byName, setByName] = useState('');
  const add = useSubmit(async () => {
    const next = await request('POST /api/pathways/:id/actions', {
      params: { id: pathway.id },
      body: { changeId: change.id, text, byName: byName || undefined },
    });
    setText('');
    setByName('');
    onSaved(next);
  });
  const actions = pathway.actions.filter((a) => a.changeId === change.id);
  return (
    <section aria-labelledby="actions-title">
      <h3 id="actions-title">{t('pathways.actions.title')}</h3>
      {actions.length === 0 && <p>{t('pathways.actions.none')}</p>}
      <ul>
        {actions.map((a) => (
          <li key={a.id}>
            {a.text}
            {a.by.name && <> — {a.by.name}</>}{' '}
            <button
              type="button"
              class="btn btn-secondary"
              onClick={async () =>
                onSaved(await request('DELETE /api/pathways/:id/actions/:actionId', { params: { id: pathway.id, actionId: a.id } }))
              }
            >
              {t('pathways.actions.delete')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add.run} noValidate>
        {add.error && !add.error.forField('text') && <Alert>{add.error.message}</Alert>}
        <div class="field">
          <label for="action-text">{t('pathways.actions.text')}</label>
          <input
            id="action-text"
            value={text}
            aria-invalid={add.error?.forField('text') ? 'true' : undefined}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {add.error?.forField('text') && <p class="field-error">{add.error.forField('text')}</p>}
        </div>
        <div class="field">
          <label for="action-by">{t('pathways.actions.by')}</label>
          <input id="action-by" value={byName} onInput={(e) => setByName(e.currentTarget.value)} />
        </div>
        <Button type="submit" busy={add.busy}>
          {t('pathways.actions.add')}
        </Button>
      </form>
    </section>
  );
}

/** One change opened: what it says, and (for editors) its form, its links and its actions. */
export function ChangePanel({
  pathway,
  changeId,
  onSaved,
  onClose,
}: {
  pathway: Pathway;
  changeId: string;
  onSaved: (p: Pathway) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [changeId]);
  const change = pathway.changes.find((c) => c.id === changeId);
  if (!change) return null;
  return (
    <section class="card change-panel" aria-labelledby="change-panel-title">
      <h2 id="change-panel-title" ref={ref} tabIndex={-1}>
        {t('pathways.change.title', { horizon: t(`pathways.horizon.${change.horizon}`) })}
      </h2>
      <p class="change-text">{change.text}</p>
      <p class="tags">
        {change.detached && <DetachedTag />} {change.lastLight && <LightTag light={change.lastLight} />}
      </p>
      {change.carriedBy.length > 0 && (
        <p>
          {t('pathways.change.carriedBy')} {change.carriedBy.map((c) => `${c.text} (${c.ownerName})`).join(' ; ')}
        </p>
      )}
      {pathway.may.edit && (
        <>
          <ChangeForm key={change.id} pathway={pathway} change={change} onSaved={(p) => (p ? onSaved(p) : onClose())} />
          <Links key={`l-${change.id}`} pathway={pathway} change={change} onSaved={onSaved} />
          <Actions key={`a-${change.id}`} pathway={pathway} change={change} onSaved={onSaved} />
        </>
      )}
      <button type="button" class="btn btn-secondary" onClick={onClose}>
        {t('pathways.change.close')}
      </button>
    </section>
  );
}
