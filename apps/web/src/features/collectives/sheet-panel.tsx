import type { CollectiveDetailView, SheetSectionView } from '@maillage/core';
import { CANVAS_SECTIONS } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert } from '../../shared/ui';
import { asApiError } from './common';
import { SectionCard } from './section-card';

/**
 * The project sheet (fiche-projet): the seven sections of the canvas, then the formal frame,
 * each written by the members, one section at a time, with its versions and comments.
 */
export function SheetPanel({ collective, onChange }: { collective: CollectiveDetailView; onChange(): void }) {
  const { t } = useI18n();
  const [sections, setSections] = useState<SheetSectionView[]>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    request('GET /api/collectives/:id/sheet', { params: { id: collective.id } })
      .then((sheet) => setSections(sheet.sections))
      .catch((e: unknown) => setError(asApiError(e)));
  }, [collective.id]);
  const saved = (view: SheetSectionView) => {
    setSections((list) => list?.map((s) => (s.section === view.section ? view : s)));
    onChange();
  };
  const card = (view: SheetSectionView) => (
    <SectionCard
      key={view.section}
      collectiveId={collective.id}
      territoryId={collective.territoryId}
      view={view}
      editable={collective.may.edit}
      onSaved={saved}
    />
  );
  return (
    <section aria-labelledby="ws-sheet">
      <h2 id="ws-sheet">{t('collectives.sheet.title')}</h2>
      <p class="hint">{t('collectives.sheet.intro')}</p>
      <p>
        <a href={`/api/collectives/${encodeURIComponent(collective.id)}/fiche.pdf`}>{t('collectives.pdf')}</a>
      </p>
      {error && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
      {!sections && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {sections && (
        <>
          <h3 class="sheet-part">{t('collectives.sheet.canvas')}</h3>
          {sections.filter((s) => CANVAS_SECTIONS.includes(s.section)).map(card)}
          <h3 class="sheet-part">{t('collectives.sheet.frame')}</h3>
          {sections.filter((s) => !CANVAS_SECTIONS.includes(s.section)).map(card)}
        </>
      )}
    </section>
  );
}
