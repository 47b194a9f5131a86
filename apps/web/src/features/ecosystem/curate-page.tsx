import type { DuplicatePairsView, ThemeListView } from '@maillage/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { EcoTabs, TerritorySelect, useEcoTerritory } from './common';
import './ecosystem.css';

/** A probable duplicate pair, as GET /api/ecosystem/duplicates answers it (core's view). */
type Pair = DuplicatePairsView['pairs'][number];
type Side = Pair['a'];
type Theme = ThemeListView['themes'][number];

/** Adds a theme to the territory's list (shared themes plus the territory's own). */
function ThemeSection({ territoryId }: { territoryId: string }) {
  const { t } = useI18n();
  const [themes, setThemes] = useState<Theme[]>([]);
  const [label, setLabel] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () =>
    request('GET /api/ecosystem/themes', { query: { territoryId } }).then(
      (r) => setThemes(r.themes),
      () => setThemes([]),
    );
  useEffect(() => {
    if (territoryId) void load();
  }, [territoryId]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      await request('POST /api/ecosystem/themes', { body: { territoryId, label } });
      setAdded(label.trim());
      setLabel('');
      await load();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const own = themes.filter((x) => x.territoryId !== null);
  // A refusal that is not about the field (a duplicate theme, no right) is shown under the field too.
  const fieldError = error ? (error.forField('label') ?? (error.fieldErrors.length ? undefined : error.message)) : undefined;
  return (
    <section aria-labelledby="curate-themes">
      <h2 id="curate-themes">{t('ecosystem.curate.themes')}</h2>
      <p>{t('ecosystem.curate.themesIntro')}</p>
      {own.length > 0 && (
        <p>
          {t('ecosystem.curate.ownThemes')} {own.map((x) => x.label).join(', ')}
        </p>
      )}
      <form onSubmit={submit} noValidate class="eco-inline-form">
        <Field
          label={t('ecosystem.curate.themeLabel')}
          hint={t('ecosystem.curate.themeHint')}
          name="label"
          value={label}
          onInput={(e) => setLabel(e.currentTarget.value)}
          error={fieldError}
        />
        <Button type="submit" busy={busy}>
          {t('ecosystem.curate.addTheme')}
        </Button>
      </form>
      {added && <Alert kind="success">{t('ecosystem.curate.themeAdded', { label: added })}</Alert>}
    </section>
  );
}

/** One pair of probable duplicates; "Merge…" opens the confirmation that says what is kept. */
function PairItem({ pair, onMerged }: { pair: Pair; onMerged(message: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [keep, setKeep] = useState<'a' | 'b'>(pair.a.people + pair.a.relations >= pair.b.people + pair.b.relations ? 'a' : 'b');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
  }, [open]);
  const kept = keep === 'a' ? pair.a : pair.b;
  const gone = keep === 'a' ? pair.b : pair.a;
  const describe = (s: Side) =>
    [
      t(`ecosystem.kind.${s.kind}`),
      s.commune,
      s.siren ? `SIREN ${s.siren}` : null,
      t('ecosystem.curate.holds', { people: s.people, relations: s.relations }),
    ]
      .filter(Boolean)
      .join(' · ');
  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      await request('POST /api/ecosystem/organisations/:id/merge', { params: { id: kept.id }, body: { duplicateId: gone.id } });
      onMerged(t('ecosystem.curate.merged', { gone: gone.name, kept: kept.name }));
    } catch (err) {
      setError((err as ApiError).message);
      setBusy(false);
    }
  };
  const headingId = `pair-${pair.a.id}-${pair.b.id}`;
  return (
    <li class="eco-pair">
      <h3 id={headingId}>
        <Link href={`/ecosysteme/organisations/${pair.a.id}`}>{pair.a.name}</Link> /{' '}
        <Link href={`/ecosysteme/organisations/${pair.b.id}`}>{pair.b.name}</Link>
      </h3>
      <p class="eco-meta">{t(`ecosystem.curate.reason.${pair.reason}`)}</p>
      {!open ? (
        <Button id={`${headingId}-open`} type="button" variant="secondary" onClick={() => setOpen(true)} aria-describedby={headingId}>
          {t('ecosystem.curate.mergeOpen')}
        </Button>
      ) : (
        <div ref={panel} class="eco-merge">
          <fieldset class="field">
            <legend id={`${headingId}-q`}>{t('ecosystem.curate.keepWhich')}</legend>
            {(['a', 'b'] as const).map((k) => (
              <div class="field-check" key={k}>
                <input
                  id={`${headingId}-${k}`}
                  type="radio"
                  name={`${headingId}-keep`}
                  checked={keep === k}
                  onChange={() => setKeep(k)}
                  aria-describedby={`${headingId}-${k}-d`}
                />
                <label for={`${headingId}-${k}`}>{pair[k].name}</label>
                <span class="eco-meta" id={`${headingId}-${k}-d`}>
                  {describe(pair[k])}
                </span>
              </div>
            ))}
          </fieldset>
          <div class="eco-merge-summary" aria-live="polite">
            <p>{t('ecosystem.curate.willKeep', { kept: kept.name })}</p>
            <ul>
              <li>
                {t('ecosystem.curate.willMove', { gone: gone.name, people: gone.people, relations: gone.relations, themes: gone.themes })}
              </li>
              <li>{t('ecosystem.curate.willFill', { gone: gone.name })}</li>
              <li>{t('ecosystem.curate.willGo', { gone: gone.name })}</li>
            </ul>
          </div>
          {error && <Alert>{error}</Alert>}
          <Button type="button" busy={busy} onClick={() => void merge()}>
            {t('ecosystem.curate.mergeConfirm', { gone: gone.name, kept: kept.name })}
          </Button>{' '}
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setOpen(false);
              setTimeout(() => document.getElementById(`${headingId}-open`)?.focus(), 0);
            }}
          >
            {t('ecosystem.curate.cancel')}
          </Button>
        </div>
      )}
    </li>
  );
}

/** `/ecosysteme/gestion`: a coordinator's upkeep of the territory: its own themes, probable duplicates and their merge. */
export default function CuratePage() {
  const { t } = useI18n();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [pairs, setPairs] = useState<Pair[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const status = useRef<HTMLDivElement>(null);
  const load = () =>
    request('GET /api/ecosystem/duplicates', { query: { territoryId } }).then(
      (r) => {
        setPairs(r.pairs);
        setError(null);
      },
      (e: ApiError) => setError(e.message),
    );
  useEffect(() => {
    if (!territoryId) return;
    setPairs(null);
    void load();
  }, [territoryId]);
  return (
    <section class="ecosystem">
      <PageTitle>{t('ecosystem.curate.title')}</PageTitle>
      <EcoTabs current="curate" territoryId={territoryId} />
      {!territoryId && <Alert kind="info">{t('ecosystem.territory.none')}</Alert>}
      {options.length > 0 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
      {error ? (
        <Alert>{error}</Alert>
      ) : (
        <>
          {territoryId && <ThemeSection territoryId={territoryId} />}
          <section aria-labelledby="curate-duplicates">
            <h2 id="curate-duplicates">{t('ecosystem.curate.duplicates')}</h2>
            <p>{t('ecosystem.curate.duplicatesIntro')}</p>
            <div ref={status} tabIndex={-1}>
              {done && <Alert kind="success">{done}</Alert>}
            </div>
            {pairs === null ? (
              <p aria-busy="true">{t('ecosystem.org.loading')}</p>
            ) : pairs.length === 0 ? (
              <p>{t('ecosystem.curate.noDuplicates')}</p>
            ) : (
              <ul class="eco-results eco-pairs">
                {pairs.map((p) => (
                  <PairItem
                    key={`${p.a.id}-${p.b.id}`}
                    pair={p}
                    onMerged={(message) => {
                      setDone(message);
                      void load().then(() => status.current?.focus());
                    }}
                  />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}
