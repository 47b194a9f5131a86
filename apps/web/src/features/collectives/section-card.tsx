import type { SheetSectionView } from '@maillage/core';
import { SHEET_SECTION_TITLES } from '@maillage/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { Button } from '../../shared/ui';
import { pick } from './common';
import { SectionComments } from './section-comments';
import { SectionEditor } from './section-editor';
import { SectionHistory } from './section-history';
import { SectionContentView } from './section-view';

/** One section of the sheet: read it; « Modifier », its versions and its comments on demand. */
export function SectionCard({
  collectiveId,
  territoryId,
  view,
  editable,
  onSaved,
}: {
  collectiveId: string;
  territoryId: string;
  view: SheetSectionView;
  editable: boolean;
  onSaved(view: SheetSectionView): void;
}) {
  const { t, locale, formatDate } = useI18n();
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [showComments, setShowComments] = useState(false);
  const [openComments, setOpenComments] = useState(view.openComments);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => setOpenComments(view.openComments), [view.openComments]);
  // Back from the editor, the focus returns to « Modifier », where the person was.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const title = pick(locale, SHEET_SECTION_TITLES[view.section]);
  const headingId = `section-${view.section}`;
  return (
    <section class="sheet-section card" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p class="hint">
        {view.version === 0
          ? t('collectives.sheet.never')
          : t('collectives.sheet.versionBy', {
              version: view.version,
              who: view.updatedBy ?? t('collectives.someone'),
              date: view.updatedAt
                ? formatDate(view.updatedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' })
                : '—',
            })}
        {openComments > 0 && ` · ${t('collectives.sheet.openComments', { count: openComments })}`}
      </p>
      {editing ? (
        <SectionEditor
          collectiveId={collectiveId}
          territoryId={territoryId}
          view={view}
          onSaved={(saved) => {
            setEditing(false);
            onSaved(saved);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <SectionContentView section={view.section} content={view.content} />
          <div class="actions">
            {editable && (
              <button ref={editButton} type="button" class="btn btn-primary" onClick={() => setEditing(true)}>
                {t('collectives.sheet.edit')}
                <span class="visually-hidden"> — {title}</span>
              </button>
            )}
            <Button
              type="button"
              variant="secondary"
              aria-expanded={showHistory ? 'true' : 'false'}
              onClick={() => setShowHistory(!showHistory)}
            >
              {t('collectives.sheet.history')}
              <span class="visually-hidden"> — {title}</span>
            </Button>
            <Button
              type="button"
              variant="secondary"
              aria-expanded={showComments ? 'true' : 'false'}
              onClick={() => setShowComments(!showComments)}
            >
              {openComments ? t('collectives.sheet.comments', { count: openComments }) : t('collectives.sheet.commentsPlain')}
              <span class="visually-hidden"> — {title}</span>
            </Button>
          </div>
        </>
      )}
      {showHistory && (
        <SectionHistory
          collectiveId={collectiveId}
          section={view.section}
          currentVersion={view.version}
          editable={editable}
          onRestored={onSaved}
        />
      )}
      {showComments && <SectionComments collectiveId={collectiveId} section={view.section} editable={editable} onCount={setOpenComments} />}
    </section>
  );
}
