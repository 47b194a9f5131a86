import { HORIZONS, type Horizon } from '@maillage/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { ChangePanel } from './change-panel';
import type { Pathway } from './common';
import { GraphView } from './graph-view';
import { Indicators } from './indicators';
import { ListView } from './list-view';
import { Review } from './review';
import { Downloads, Journal, Versions, Vision } from './sections';
import './pathways.css';

type View = 'graph' | 'list';

/** Adding a change: its horizon and its text (the rest is edited once it exists). */
function AddChange({ pathway, onSaved }: { pathway: Pathway; onSaved: (p: Pathway) => void }) {
  const { t } = useI18n();
  const [horizon, setHorizon] = useState<Horizon>('court');
  const [text, setText] = useState('');
  const { busy, error, run } = useSubmit(async () => {
    const next = await request('POST /api/pathways/:id/changes', { params: { id: pathway.id }, body: { horizon, text } });
    setText('');
    onSaved(next);
  });
  return (
    <form onSubmit={run} noValidate class="card add-change" aria-labelledby="add-change-title">
      <h2 id="add-change-title">{t('pathways.add.title')}</h2>
      {error && !error.forField('text') && <Alert>{error.message}</Alert>}
      <div class="field">
        <label for="add-horizon">{t('pathways.change.horizon')}</label>
        <select id="add-horizon" value={horizon} onChange={(e) => setHorizon(e.currentTarget.value as Horizon)}>
          {HORIZONS.map((h) => (
            <option key={h} value={h}>
              {t(`pathways.horizon.${h}`)} — {t(`pathways.horizon.${h}.what`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="add-text">{t('pathways.change.text')}</label>
        <textarea
          id="add-text"
          rows={2}
          maxLength={400}
          value={text}
          aria-invalid={error?.forField('text') ? 'true' : undefined}
          aria-describedby={error?.forField('text') ? 'add-text-error' : undefined}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        {error?.forField('text') && (
          <p class="field-error" id="add-text-error">
            {error.forField('text')}
          </p>
        )}
      </div>
      <Button type="submit" busy={busy}>
        {t('pathways.add.submit')}
      </Button>
    </form>
  );
}

/** The graph or the list, with the switch between them (the list first on a narrow screen). */
function PathwayViews({ pathway, onOpen }: { pathway: Pathway; onOpen?: (id: string) => void }) {
  const { t } = useI18n();
  const [view, setView] = useState<View>(() => (typeof window !== 'undefined' && window.innerWidth < 700 ? 'list' : 'graph'));
  return (
    <section aria-labelledby="pathway-views-title">
      <h2 id="pathway-views-title">{t('pathways.views.title')}</h2>
      <p class="view-switch">
        <button type="button" class="btn btn-secondary" aria-pressed={view === 'graph'} onClick={() => setView('graph')}>
          {t('pathways.views.graph')}
        </button>
        <button type="button" class="btn btn-secondary" aria-pressed={view === 'list'} onClick={() => setView('list')}>
          {t('pathways.views.list')}
        </button>
      </p>
      {view === 'graph' ? (
        <GraphView pathway={pathway} {...(onOpen ? { onOpen } : {})} />
      ) : (
        <ListView pathway={pathway} {...(onOpen ? { onOpen } : {})} />
      )}
    </section>
  );
}

/** `/chemins/:id`: a change pathway, its vision and front page, its changes, links, indicators, reviews and journal. */
export default function PathwayEditorPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id as string;
  const [pathway, setPathway] = useState<Pathway>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<string>();
  const [reading, setReading] = useState<Pathway>();
  const readingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    request('GET /api/pathways/:id', { params: { id } })
      .then(setPathway)
      .catch((e: Error) => setError(e.message));
  }, [id]);
  useEffect(() => {
    if (reading) readingRef.current?.focus();
  }, [reading]);
  if (error) return <Alert>{error}</Alert>;
  if (!pathway) return <p aria-busy="true">{t('common.loading')}</p>;
  const saved = (p: Pathway) => {
    setPathway(p);
    if (open && !p.changes.some((c) => c.id === open)) setOpen(undefined);
  };
  if (reading) {
    return (
      <section class="pathway-editor">
        <PageTitle>{pathway.title}</PageTitle>
        <h2 ref={readingRef} tabIndex={-1}>
          {t('pathways.versions.reading', { n: reading.version })}
        </h2>
        <p>
          <button type="button" class="btn btn-primary" onClick={() => setReading(undefined)}>
            {t('pathways.versions.back')}
          </button>
        </p>
        <Vision pathway={reading} />
        <PathwayViews pathway={reading} />
      </section>
    );
  }
  return (
    <section class="pathway-editor">
      <p>
        <Link href="/chemins">{t('pathways.back')}</Link>
      </p>
      <PageTitle>{pathway.title}</PageTitle>
      <p>
        {pathway.owner.kind === 'collective' ? t('pathways.owner.collective', { name: pathway.owner.name }) : pathway.owner.name} ·{' '}
        {t('pathways.version', { n: pathway.version })} · {t('pathways.changes', { count: pathway.changes.length })}
      </p>
      <Vision key={`v-${pathway.version}`} pathway={pathway} onSaved={saved} />
      <PathwayViews pathway={pathway} onOpen={setOpen} />
      {open && <ChangePanel pathway={pathway} changeId={open} onSaved={saved} onClose={() => setOpen(undefined)} />}
      {pathway.may.edit && <AddChange pathway={pathway} onSaved={saved} />}
      <Indicators pathway={pathway} onSaved={saved} />
      <Review pathway={pathway} onSaved={saved} />
      <Journal pathway={pathway} onSaved={saved} />
      <Downloads pathway={pathway} />
      <Versions pathway={pathway} onRead={setReading} />
    </section>
  );
}
