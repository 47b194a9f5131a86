import type { SectionContent, SheetSectionView } from '@maillage/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { asApiError, problemText, useAnnounce } from './common';
import { SectionFields } from './section-fields';
import { SectionContentView } from './section-view';

/** The version the server holds when a save came from an older one (409 `sheet_conflict`). */
function conflictOf(error: ApiError, section: string): SheetSectionView | undefined {
  if (error.status !== 409 || error.code !== 'sheet_conflict') return undefined;
  const current = error.details.current as SheetSectionView | undefined;
  return current && current.section === section ? current : undefined;
}

/**
 * Edits one section. The save names the version the form started from; when someone saved in
 * between, the server refuses it with its current version: the form keeps what was typed, their
 * version is shown beside it, read-only, and the next save starts from theirs (after merging by
 * hand). Nothing typed is lost.
 */
export function SectionEditor({
  collectiveId,
  territoryId,
  view,
  onSaved,
  onCancel,
}: {
  collectiveId: string;
  territoryId: string;
  view: SheetSectionView;
  onSaved(saved: SheetSectionView): void;
  onCancel(): void;
}) {
  const { t, formatDate } = useI18n();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<SectionContent>(() => structuredClone(view.content));
  const [baseVersion, setBaseVersion] = useState(view.version);
  const [conflict, setConflict] = useState<SheetSectionView>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const conflictRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = await request('PUT /api/collectives/:id/sheet/:section', {
        params: { id: collectiveId, section: view.section },
        body: { baseVersion, content: draft },
      });
      announce(t('collectives.sheet.saved', { title: view.title }));
      onSaved(saved);
    } catch (caught) {
      const problem = asApiError(caught);
      const current = conflictOf(problem, view.section);
      if (current) {
        // Their version becomes the base of the next save; the form keeps what was typed.
        setConflict(current);
        setBaseVersion(current.version);
      } else {
        setError(problem);
        setTimeout(() => errorRef.current?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  };
  const theirText = conflict?.content.text ?? '';
  return (
    <form
      class="section-editor"
      noValidate
      onSubmit={(e) => void save(e)}
      aria-label={t('collectives.sheet.editing', { title: view.title })}
    >
      {conflict && (
        <div class="alert alert-error conflict-message">
          <h4 ref={conflictRef} tabIndex={-1}>
            {t('collectives.sheet.conflict')}
          </h4>
          <p>{t('collectives.sheet.conflictHelp')}</p>
        </div>
      )}
      <div class={conflict ? 'conflict-grid' : undefined}>
        <div class="mine">
          {conflict && <h4>{t('collectives.sheet.yours')}</h4>}
          <SectionFields section={view.section} value={draft} onChange={setDraft} error={error} territoryId={territoryId} />
        </div>
        {conflict && (
          <section class="theirs" aria-labelledby={`theirs-${view.section}`}>
            <h4 id={`theirs-${view.section}`}>{t('collectives.sheet.theirs')}</h4>
            <p class="hint">
              {t('collectives.sheet.versionBy', {
                version: conflict.version,
                who: conflict.updatedBy ?? t('collectives.someone'),
                date: conflict.updatedAt
                  ? formatDate(conflict.updatedAt, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' })
                  : '—',
              })}
            </p>
            <SectionContentView section={conflict.section} content={conflict.content} />
            {theirText.trim() && !draft.text.includes(theirText.trim()) && (
              <Button
                type="button"
                variant="secondary"
                onClick={() => setDraft({ ...draft, text: draft.text.trim() ? `${draft.text.trimEnd()}\n\n${theirText}` : theirText })}
              >
                {t('collectives.sheet.appendTheirs')}
              </Button>
            )}
          </section>
        )}
      </div>
      {error && (
        <div ref={errorRef} tabIndex={-1}>
          <Alert>{problemText(error, t('common.offline'), t('collectives.fixFields'))}</Alert>
        </div>
      )}
      <div class="actions">
        <Button type="submit" busy={busy}>
          {conflict ? t('collectives.sheet.saveMerged') : t('collectives.sheet.save')}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t('collectives.cancel')}
        </Button>
      </div>
    </form>
  );
}
