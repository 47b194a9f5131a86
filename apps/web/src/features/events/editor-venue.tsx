import type { VenueImportView } from '@maillage/core';
import { useState } from 'preact/hooks';
import { request, requestFile } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import type { EventDetail } from './types';
import { saveBlob } from '../../shared/download';
import { VenueDecisions } from './editor-venue-decisions';

/** The largest return file the server takes (venueMaxBytes in @maillage/core), checked before sending. */
const venueMaxBytes = 32 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The tables the report names in words (others by their name). */
const namedTables = new Set([
  'event_registrations',
  'event_sessions',
  'event_choices',
  'organisations',
  'people',
  'acquaintances',
  'live_rooms',
  'live_participants',
  'live_events',
  'collectives',
  'collective_members',
]);

/**
 * The day on a laptop without internet: download the venue file (encrypted with a passphrase
 * typed here, personal data said), then upload the laptop's return file and read the report:
 * what came back, the conflicts a person decides, the probable duplicates to link.
 */
export function VenueSection({ detail }: { detail: EventDetail }) {
  const { t } = useI18n();
  const { event } = detail;
  const [exportPassphrase, setExportPassphrase] = useState('');
  const [downloaded, setDownloaded] = useState(false);
  const [file, setFile] = useState<File>();
  const [importPassphrase, setImportPassphrase] = useState('');
  const [report, setReport] = useState<VenueImportView>();
  const [fileError, setFileError] = useState('');
  // Bumped after each import: the decisions below are read again from the server.
  const [imports, setImports] = useState(0);

  const download = useSubmit(async () => {
    setDownloaded(false);
    const blob = await requestFile('POST /api/events/:id/venue/export', {
      params: { id: event.id },
      body: { passphrase: exportPassphrase },
    });
    saveBlob(blob, `${event.slug}.maillage`);
    setExportPassphrase('');
    setDownloaded(true);
  });
  const upload = useSubmit(async () => {
    setReport(undefined);
    if (!file) {
      setFileError(t('events.venue.fileMissing'));
      return;
    }
    if (file.size > venueMaxBytes) {
      setFileError(t('events.venue.fileTooBig'));
      return;
    }
    setFileError('');
    const contentBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
    setReport(
      await request('POST /api/events/:id/venue/import', {
        params: { id: event.id },
        body: { passphrase: importPassphrase, fileName: file.name.slice(0, 200), contentBase64 },
      }),
    );
    setImports((n) => n + 1);
  });

  const tableName = (table: string) => (namedTables.has(table) ? t(`events.venue.table.${table}`) : table);
  const conflictLink = (c: VenueImportView['conflicts'][number]) =>
    c.table === 'organisations'
      ? `/ecosysteme/organisations/${c.id}`
      : c.table === 'people'
        ? `/ecosysteme/personnes/${c.id}`
        : `/journees/${event.id}/inscriptions`;

  return (
    <section aria-labelledby="venue-title" class="card venue">
      <h2 id="venue-title">{t('events.venue.title')}</h2>
      <p>{t('events.venue.intro')}</p>

      <h3>{t('events.venue.exportTitle')}</h3>
      <Alert kind="info">{t('events.venue.personalData')}</Alert>
      {download.error && <Alert>{download.error.message}</Alert>}
      {downloaded && <Alert kind="success">{t('events.venue.downloaded')}</Alert>}
      <form onSubmit={download.run} noValidate>
        <Field
          label={t('events.venue.passphrase')}
          hint={t('events.venue.passphraseHint')}
          name="venue-export-passphrase"
          type="password"
          autocomplete="new-password"
          minLength={8}
          value={exportPassphrase}
          error={download.error?.forField('passphrase')}
          onInput={(e) => setExportPassphrase(e.currentTarget.value)}
        />
        <Button type="submit" busy={download.busy}>
          {t('events.venue.download')}
        </Button>
      </form>

      <h3>{t('events.venue.importTitle')}</h3>
      {upload.error && <Alert>{upload.error.message}</Alert>}
      {fileError && <Alert>{fileError}</Alert>}
      <form onSubmit={upload.run} noValidate>
        <div class="field">
          <label for="venue-file">{t('events.venue.file')}</label>
          <input id="venue-file" name="venue-file" type="file" accept=".maillage" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        </div>
        <Field
          label={t('events.venue.passphrase')}
          name="venue-import-passphrase"
          type="password"
          autocomplete="off"
          value={importPassphrase}
          error={upload.error?.forField('passphrase')}
          onInput={(e) => setImportPassphrase(e.currentTarget.value)}
        />
        <Button type="submit" busy={upload.busy}>
          {t('events.venue.import')}
        </Button>
      </form>

      {report && (
        <div class="venue-report" aria-live="polite">
          <Alert kind="success">
            {report.changed === 0 ? t('events.venue.nothingChanged') : t('events.venue.imported', { n: report.changed })}
          </Alert>
          {report.changed > 0 && (
            <ul>
              {Object.entries(report.inserted).map(([table, n]) => (
                <li key={`+${table}`}>{t('events.venue.created', { n, what: tableName(table) })}</li>
              ))}
              {Object.entries(report.updated).map(([table, n]) => (
                <li key={`~${table}`}>{t('events.venue.updated', { n, what: tableName(table) })}</li>
              ))}
            </ul>
          )}
          {report.conflicts.length > 0 && (
            <>
              <h4>{t('events.venue.conflicts', { n: report.conflicts.length })}</h4>
              <p class="hint">{t('events.venue.conflictsHint')}</p>
              <ul class="venue-conflicts">
                {report.conflicts.map((c) => (
                  <li key={`${c.table}/${c.id}`}>
                    <Link href={conflictLink(c)}>{c.label || c.id}</Link> ({tableName(c.table)}) : {t(`events.venue.reason.${c.reason}`)}
                    {c.columns.length > 0 && ` — ${t('events.venue.columns', { columns: c.columns.join(', ') })}`}
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.duplicates.length > 0 && (
            <>
              <h4>{t('events.venue.duplicates', { n: report.duplicates.length })}</h4>
              <ul class="venue-duplicates">
                {report.duplicates.map((d) => (
                  <li key={`${d.walkInName}/${d.directoryPersonId}`}>
                    {t('events.venue.duplicate', { name: d.walkInName })}{' '}
                    <Link href={`/ecosysteme/personnes/${d.directoryPersonId}`}>{d.directoryName}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <VenueDecisions eventId={event.id} refresh={imports} />
    </section>
  );
}
