import { useEffect, useState } from 'preact/hooks';
import type { MobiliseView as MobiliseAnswer } from '@maillage/core';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import { EcoTabs, TerritorySelect, useEcoTerritory, useThemes } from './common';
import './ecosystem.css';

/** `/ecosysteme/mobiliser`: who should we mobilise for a theme on a territory, and why. */
export default function MobilisePage() {
  const { t, formatNumber } = useI18n();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const themes = useThemes(territoryId);
  const [themeId, setThemeId] = useState('');
  const [data, setData] = useState<MobiliseAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!themeId && themes[0]) setThemeId(themes[0].id);
  }, [themes]);
  useEffect(() => {
    if (!territoryId || !themeId) return;
    setError(null);
    request('GET /api/ecosystem/mobilise', { query: { territoryId, themeId } }).then(setData, (e: Error) => setError(e.message));
  }, [territoryId, themeId]);
  return (
    <section class="ecosystem">
      <PageTitle>{t('ecosystem.mobilise.title')}</PageTitle>
      <EcoTabs current="mobilise" territoryId={territoryId} />
      <p class="lead">{t('ecosystem.mobilise.intro')}</p>
      {!territoryId && <Alert kind="info">{t('ecosystem.territory.none')}</Alert>}
      <form noValidate class="eco-filters" onSubmit={(e) => e.preventDefault()}>
        {options.length > 0 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
        <div class="field">
          <label for="mob-theme">{t('ecosystem.mobilise.theme')}</label>
          <select id="mob-theme" value={themeId} onChange={(e) => setThemeId(e.currentTarget.value)}>
            {themes.map((th) => (
              <option key={th.id} value={th.id}>
                {th.label}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && <Alert>{error}</Alert>}
      <div aria-live="polite">
        {data && (
          <>
            <h2>{t('ecosystem.mobilise.results', { count: data.results.length, theme: data.theme })}</h2>
            {data.results.length === 0 && <p>{t('ecosystem.mobilise.none')}</p>}
            <ol class="eco-rank">
              {data.results.map((r) => (
                <li key={r.id}>
                  {r.type === 'organisation' ? <Link href={`/ecosysteme/organisations/${r.id}`}>{r.name}</Link> : <strong>{r.name}</strong>}{' '}
                  <span class="eco-tag">
                    {r.type === 'organisation' ? t('ecosystem.mobilise.organisation') : t('ecosystem.mobilise.person')}
                  </span>{' '}
                  <span class="eco-meta">
                    {r.type === 'organisation' && r.detail ? t(`ecosystem.kind.${r.detail}`) : (r.detail ?? '')} ·{' '}
                    {t('ecosystem.mobilise.score', { score: formatNumber(r.score) })}
                  </span>
                  <p class="eco-reasons">
                    {r.reasons
                      .map((reason) => t(`ecosystem.mobilise.reason.${reason.code}`, { count: 'count' in reason ? reason.count : 0 }))
                      .join(' ; ')}
                  </p>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </section>
  );
}
