import { type ImportConfirmedView, type ImportPreviewView, importTemplate } from '@maillage/core';
import { useMemo, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { EcoTabs, ScrollTable, TerritorySelect, useEcoTerritory } from './common';
import './ecosystem.css';

/** The largest file the server takes (importMaxBytes in @maillage/core), checked here before sending. */
const importMaxBytes = 5 * 1024 * 1024;

/** The file's bytes in base64: the server decodes UTF-8 or Windows-1252 itself. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** `/ecosysteme/import`: preview a CSV with every problem by line and column, then import all of it or nothing. */
export default function ImportPage() {
  const { t } = useI18n();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [kind, setKind] = useState<'organisations' | 'people'>('organisations');
  const [content, setContent] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [duplicates, setDuplicates] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ImportConfirmedView | null>(null);

  const check = async (fileContent = content) => {
    if (!fileContent || !territoryId) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setPreview(await request('POST /api/ecosystem/import/preview', { body: { kind, territoryId, contentBase64: fileContent } }));
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  const onFile = async (file: File | undefined) => {
    setPreview(null);
    setDone(null);
    if (!file) return;
    if (file.size > importMaxBytes) {
      setError(t('ecosystem.import.tooBig'));
      return;
    }
    const encoded = toBase64(new Uint8Array(await file.arrayBuffer()));
    setContent(encoded);
    await check(encoded);
  };
  const confirm = async () => {
    if (!content) return;
    setBusy(true);
    setError(null);
    try {
      setDone(
        await request('POST /api/ecosystem/import/confirm', {
          body: { kind, territoryId, contentBase64: content, importDuplicates: duplicates },
        }),
      );
      setPreview(null);
      setContent(null);
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  // The template as a file to download: UTF-8 with a BOM and `;`, as a French spreadsheet opens it.
  const template = useMemo(() => URL.createObjectURL(new Blob([importTemplate(kind)], { type: 'text/csv;charset=utf-8' })), [kind]);
  const importable = preview ? preview.summary.valid + (duplicates ? preview.summary.duplicates : 0) : 0;
  return (
    <section class="ecosystem">
      <PageTitle>{t('ecosystem.import.title')}</PageTitle>
      <EcoTabs current="import" territoryId={territoryId} />
      <p class="lead">{t('ecosystem.import.intro')}</p>
      {!territoryId && <Alert kind="info">{t('ecosystem.territory.none')}</Alert>}
      <form noValidate class="eco-filters" onSubmit={(e) => e.preventDefault()}>
        {options.length > 0 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
        <div class="field">
          <label for="import-kind">{t('ecosystem.import.kind')}</label>
          <select
            id="import-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.currentTarget.value as 'organisations' | 'people');
              setPreview(null);
            }}
          >
            <option value="organisations">{t('ecosystem.import.kindOrganisations')}</option>
            <option value="people">{t('ecosystem.import.kindPeople')}</option>
          </select>
        </div>
        <p>
          <a
            href={template}
            download={`modele-import-${kind === 'organisations' ? 'organisations' : 'personnes'}.csv`}
            data-testid="import-template"
          >
            {t('ecosystem.import.template', {
              kind: t(kind === 'organisations' ? 'ecosystem.import.kindOrganisations' : 'ecosystem.import.kindPeople'),
            })}
          </a>
        </p>
        <div class="field">
          <label for="import-file">{t('ecosystem.import.file')}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e.currentTarget.files?.[0])} />
        </div>
      </form>
      <div aria-live="polite">
        {error && <Alert>{error}</Alert>}
        {done && (
          <Alert kind="success">
            {t('ecosystem.import.done', { created: done.created, skipped: done.skipped })}{' '}
            <Link href={`/ecosysteme?territoire=${territoryId}`}>{t('ecosystem.import.seeCreated')}</Link>
          </Alert>
        )}
        {preview && (
          <>
            <p>
              {t('ecosystem.import.summary', {
                ...preview.summary,
                encoding: preview.encoding,
                separator: preview.separator === '\t' ? 'tab' : preview.separator,
              })}
            </p>
            {preview.issues.length === 0 ? (
              <Alert kind="success">{t('ecosystem.import.noIssue')}</Alert>
            ) : (
              <ScrollTable label={t('ecosystem.common.table')}>
                <table class="eco-table">
                  <caption>{t('ecosystem.import.issues')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('ecosystem.import.line')}</th>
                      <th scope="col">{t('ecosystem.import.column')}</th>
                      <th scope="col">{t('ecosystem.import.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.issues.map((i, n) => (
                      <tr key={n} class={`issue-${i.severity}`}>
                        <td>{i.line}</td>
                        <td>{i.column ?? '—'}</td>
                        <td>
                          <strong>{t(`ecosystem.import.severity.${i.severity}`)}</strong> : {i.message}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            )}
            {preview.summary.errors > 0 ? (
              <Alert>{t('ecosystem.import.fixFirst')}</Alert>
            ) : (
              <>
                {preview.summary.duplicates > 0 && (
                  <div class="field field-check">
                    <input id="import-dups" type="checkbox" checked={duplicates} onChange={(e) => setDuplicates(e.currentTarget.checked)} />
                    <label for="import-dups">{t('ecosystem.import.duplicates')}</label>
                  </div>
                )}
                <Button type="button" busy={busy} disabled={importable === 0} onClick={() => void confirm()}>
                  {t('ecosystem.import.confirm', { count: importable })}
                </Button>
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
