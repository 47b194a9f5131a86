import type { SectionRevisionView, SheetSection, SheetSectionView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { asApiError, useAnnounce } from './common';
import { SectionContentView } from './section-view';

/** A section's versions (who, when), one read at a time, and « Restaurer cette version ». */
export function SectionHistory({
  collectiveId,
  section,
  currentVersion,
  editable,
  onRestored,
}: {
  collectiveId: string;
  section: SheetSection;
  currentVersion: number;
  editable: boolean;
  onRestored(view: SheetSectionView): void;
}) {
  const { t, formatDate } = useI18n();
  const announce = useAnnounce();
  const [versions, setVersions] = useState<SectionRevisionView[]>();
  const [error, setError] = useState<ApiError>();
  const [reading, setReading] = useState<number>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    request('GET /api/collectives/:id/sheet/:section/history', { params: { id: collectiveId, section } })
      .then((list) => setVersions([...list].sort((a, b) => b.version - a.version)))
      .catch((e: unknown) => setError(asApiError(e)));
  }, [collectiveId, section, currentVersion]);
  const restore = async (version: number) => {
    setBusy(true);
    setError(undefined);
    try {
      const view = await request('POST /api/collectives/:id/sheet/:section/restore', {
        params: { id: collectiveId, section },
        body: { version },
      });
      announce(t('collectives.history.restored', { version }));
      setReading(undefined);
      onRestored(view);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const when = (at: string) => formatDate(at, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
  return (
    <div class="section-history">
      <h4>{t('collectives.history.versions')}</h4>
      {error && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
      {!versions && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {versions && versions.length === 0 && <p class="hint">{t('collectives.history.none')}</p>}
      {versions && versions.length > 0 && (
        <ol class="versions">
          {versions.map((v) => (
            <li key={v.version}>
              <p>
                <strong>{t('collectives.history.version', { version: v.version })}</strong>
                {v.version === currentVersion && ` (${t('collectives.history.current')})`} —{' '}
                {t('collectives.history.by', { who: v.author ?? t('collectives.someone'), date: when(v.at) })}
                {v.restoredFrom !== null && ` · ${t('collectives.history.restoredFrom', { version: v.restoredFrom })}`}
              </p>
              <div class="actions">
                <Button
                  type="button"
                  variant="secondary"
                  aria-expanded={reading === v.version ? 'true' : 'false'}
                  onClick={() => setReading(reading === v.version ? undefined : v.version)}
                >
                  {reading === v.version ? t('collectives.history.close') : t('collectives.history.read')}
                  <span class="visually-hidden"> — {t('collectives.history.version', { version: v.version })}</span>
                </Button>
                {editable && v.version !== currentVersion && (
                  <Button type="button" variant="secondary" busy={busy} onClick={() => void restore(v.version)}>
                    {t('collectives.history.restore')}
                    <span class="visually-hidden"> — {t('collectives.history.version', { version: v.version })}</span>
                  </Button>
                )}
              </div>
              {reading === v.version && (
                <div class="version-content">
                  <SectionContentView section={section} content={v.content} />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
