import type { EndpointOutput, IndicatorSummaryView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { ScrollTable, TerritorySelect, useEcoTerritory } from '../ecosystem/common';
import type { ApiEndpoints } from '@maillage/core';
import { templateCsv } from './csv-files';
import './evaluation.css';
import { saveBlob } from '../../shared/download';

type Preview = EndpointOutput<ApiEndpoints['POST /api/indicators/import/preview']>;
type Imported = EndpointOutput<ApiEndpoints['POST /api/indicators/import/confirm']>;

/** The largest file the server takes (16 Mo of bytes, sent in base64), checked before sending. */
const importMaxBytes = 16 * 1024 * 1024;

/** The file's bytes in base64: the server decodes UTF-8 or Windows-1252 itself. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** `/indicateurs/import`: a spreadsheet of measurements checked line by line, then imported all or nothing. */
export default function MeasurementsImportPage() {
  const { t, formatNumber } = useI18n();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [indicators, setIndicators] = useState<IndicatorSummaryView[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [step, setStep] = useState<'idle' | 'reading' | 'checking' | 'importing'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<(Imported & { indicatorIds: string[] }) | null>(null);

  useEffect(() => {
    if (!territoryId) return;
    request('GET /api/indicators', { query: { territoryId } })
      .then(setIndicators)
      .catch(() => setIndicators([]));
  }, [territoryId]);

  /** The names of the indicators and organisations the preview's lines point to. */
  const learnNames = async (rows: Preview['rows']) => {
    const ids = [...new Set(rows.map((r) => r.indicatorId))];
    const found: Record<string, string> = {};
    await Promise.all(
      ids.map((id) =>
        request('GET /api/indicators/:id', { params: { id } })
          .then((i) => {
            found[i.id] = i.name;
            for (const r of i.reporters) found[r.id] = r.name;
          })
          .catch(() => undefined),
      ),
    );
    setNames((n) => ({ ...n, ...found }));
  };

  const check = async (chosen = file, territory = territoryId) => {
    if (!chosen || !territory) return;
    setStep('checking');
    setError(null);
    setDone(null);
    setPreview(null);
    try {
      const answer = await request('POST /api/indicators/import/preview', {
        body: { territoryId: territory, fileName: chosen.name, contentBase64: chosen.content },
      });
      setPreview(answer);
      if (answer.errors.length === 0) await learnNames(answer.rows);
    } catch (e) {
      setError((e as ApiError).message || t('common.error'));
    } finally {
      setStep('idle');
    }
  };
  const onFile = async (picked: File | undefined) => {
    setPreview(null);
    setDone(null);
    setError(null);
    setFile(null);
    if (!picked) return;
    if (picked.size > importMaxBytes) {
      setError(t('evaluation.import.tooBig'));
      return;
    }
    setStep('reading');
    const chosen = { name: picked.name.slice(0, 200), content: toBase64(new Uint8Array(await picked.arrayBuffer())) };
    setFile(chosen);
    await check(chosen);
  };
  const confirm = async () => {
    if (!file || !preview) return;
    setStep('importing');
    setError(null);
    try {
      const written = await request('POST /api/indicators/import/confirm', {
        body: { territoryId, fileName: file.name, contentBase64: file.content },
      });
      setDone({ ...written, indicatorIds: [...new Set(preview.rows.map((r) => r.indicatorId))] });
      setPreview(null);
      setFile(null);
    } catch (e) {
      setError((e as ApiError).message || t('common.error'));
    } finally {
      setStep('idle');
    }
  };
  const template = () => saveBlob(new Blob([templateCsv(indicators)], { type: 'text/csv;charset=utf-8' }), 'modele-mesures.csv');
  const busy = step !== 'idle';
  return (
    <div class="evaluation">
      <p>
        <Link href="/indicateurs">{t('evaluation.back')}</Link>
      </p>
      <PageTitle>{t('evaluation.import.title')}</PageTitle>
      <p>{t('evaluation.import.intro')}</p>
      <p>
        <button type="button" class="link-button" onClick={template}>
          {t('evaluation.import.template')}
        </button>
      </p>
      {!territoryId && <Alert kind="info">{t('ecosystem.territory.none')}</Alert>}
      <form noValidate class="inline-form" onSubmit={(e) => e.preventDefault()}>
        {options.length > 1 && (
          <TerritorySelect
            value={territoryId}
            options={options}
            onChange={(id) => {
              setTerritoryId(id);
              void check(file, id);
            }}
          />
        )}
        <div class="field">
          <label for="import-file">{t('evaluation.import.file')}</label>
          <p class="hint" id="import-file-hint">
            {t('evaluation.import.fileHint')}
          </p>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="import-file-hint"
            disabled={busy}
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
        </div>
      </form>
      <div aria-live="polite">
        {busy && (
          <p class="import-progress">
            <progress aria-label={t(`evaluation.import.step.${step}`)} />
            <span>{t(`evaluation.import.step.${step}`)}</span>
          </p>
        )}
        {error && <Alert>{error}</Alert>}
        {done && (
          <Alert kind="success">
            <p>{t('evaluation.import.done', { written: done.written, corrections: done.corrections })}</p>
            <ul>
              {done.indicatorIds.map((id) => (
                <li key={id}>
                  <Link href={`/indicateurs/${id}`}>{names[id] ?? t('evaluation.import.seeIndicator')}</Link>
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {preview && (
          <section aria-labelledby="preview-title">
            <h2 id="preview-title">{t('evaluation.import.preview')}</h2>
            <p>
              {t('evaluation.import.summary', {
                lines: preview.lines,
                corrections: preview.corrections,
                encoding: preview.encoding,
                separator: preview.separator === '\t' ? 'tab' : preview.separator,
              })}
            </p>
            {preview.errors.length > 0 ? (
              <>
                <Alert>{t('evaluation.import.fixFirst', { count: preview.errors.length })}</Alert>
                <ScrollTable label={t('evaluation.import.errors')}>
                  <table>
                    <caption>{t('evaluation.import.errors')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('evaluation.import.line')}</th>
                        <th scope="col">{t('evaluation.import.column')}</th>
                        <th scope="col">{t('evaluation.import.problem')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.errors.map((e, n) => (
                        <tr key={n}>
                          <td>{e.line}</td>
                          <td>{e.column ?? '—'}</td>
                          <td>{e.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollTable>
              </>
            ) : (
              <>
                <ScrollTable label={t('evaluation.import.rows')}>
                  <table>
                    <caption>
                      {preview.rows.length < preview.lines
                        ? t('evaluation.import.rowsFirst', { count: preview.rows.length })
                        : t('evaluation.import.rows')}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('evaluation.import.line')}</th>
                        <th scope="col">{t('evaluation.import.indicator')}</th>
                        <th scope="col">{t('evaluation.import.organisation')}</th>
                        <th scope="col">{t('evaluation.table.period')}</th>
                        <th scope="col">{t('evaluation.import.value')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.rows.map((r) => (
                        <tr key={r.line}>
                          <td>{r.line}</td>
                          <td>{names[r.indicatorId] ?? '—'}</td>
                          <td>{names[r.organisationId] ?? '—'}</td>
                          <td>{r.period}</td>
                          <td>
                            {formatNumber(r.value)}
                            {r.correction && <span class="muted"> {t('evaluation.import.correction')}</span>}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollTable>
                <p class="import-confirm">
                  <Button type="button" busy={step === 'importing'} disabled={busy || preview.lines === 0} onClick={() => void confirm()}>
                    {t('evaluation.import.confirm', { count: preview.lines })}
                  </Button>
                </p>
              </>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
