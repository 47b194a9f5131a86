import { useEffect, useRef, useState } from 'preact/hooks';
import type { DirectoryView as DirectoryAnswer } from '@maillage/core';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import { EcoTabs, KindFilter, TerritorySelect, ThemeFilter, useEcoTerritory, useThemes } from './common';
import './ecosystem.css';

/** `/ecosysteme`: instant directory search with filters, and exports. */
export default function DirectoryPage() {
  const { t } = useI18n();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const themes = useThemes(territoryId);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [themeId, setThemeId] = useState('');
  const [resource, setResource] = useState(false);
  const [state, setState] = useState<{ data?: DirectoryAnswer; loading: boolean; failed: boolean }>({ loading: true, failed: false });
  const ticket = useRef(0);
  useEffect(() => {
    const mine = ++ticket.current;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      request('GET /api/ecosystem/directory', {
        query: {
          q: q.trim(),
          limit: 50,
          territoryId: territoryId || undefined,
          kind: kind || undefined,
          themeId: themeId || undefined,
          resource: resource ? 'true' : undefined,
        },
      })
        .then((data) => mine === ticket.current && setState({ data, loading: false, failed: false }))
        .catch(() => mine === ticket.current && setState({ loading: false, failed: true }));
    }, 150);
    return () => clearTimeout(timer);
  }, [q, kind, themeId, resource, territoryId]);
  const data = state.data;
  const exportBase = `/api/ecosystem/export?territoryId=${territoryId}`;
  return (
    <section class="ecosystem">
      <PageTitle>{t('ecosystem.directory.title')}</PageTitle>
      <EcoTabs current="directory" territoryId={territoryId} />
      <p class="lead">{t('ecosystem.directory.intro')}</p>
      <p>
        <Link href={`/ecosysteme/organisations/nouvelle${territoryId ? `?territoire=${territoryId}` : ''}`} class="btn btn-secondary">
          {t('ecosystem.create.link')}
        </Link>
      </p>
      <search>
        <form noValidate class="eco-filters" onSubmit={(e) => e.preventDefault()}>
          <div class="field eco-q">
            <label for="eco-q">{t('ecosystem.directory.search')}</label>
            <p class="hint" id="eco-q-hint">
              {t('ecosystem.directory.searchHint')}
            </p>
            <input
              id="eco-q"
              type="search"
              autoComplete="off"
              spellcheck={false}
              aria-describedby="eco-q-hint"
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
            />
          </div>
          {options.length > 0 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
          <KindFilter id="eco-kind" value={kind} onChange={setKind} />
          <ThemeFilter id="eco-theme" value={themeId} themes={themes} onChange={setThemeId} />
          <div class="field field-check">
            <input id="eco-resource" type="checkbox" checked={resource} onChange={(e) => setResource(e.currentTarget.checked)} />
            <label for="eco-resource">{t('ecosystem.directory.resource')}</label>
          </div>
        </form>
      </search>
      <p class="search-status" role="status" aria-live="polite">
        {state.loading
          ? t('ecosystem.directory.searching')
          : data
            ? t('ecosystem.directory.count', { orgs: data.organisations.length, people: data.people.length })
            : ''}
      </p>
      {state.failed && <Alert>{t('ecosystem.directory.failed')}</Alert>}
      {data && data.organisations.length > 0 && (
        <section aria-labelledby="eco-orgs">
          <h2 id="eco-orgs">{t('ecosystem.directory.organisations')}</h2>
          <ul class="eco-results">
            {data.organisations.map((o) => (
              <li key={o.id}>
                <Link href={`/ecosysteme/organisations/${o.id}`}>{o.name}</Link>
                <span class="eco-meta">
                  {t(`ecosystem.kind.${o.kind}`)}
                  {o.commune ? ` · ${o.commune}` : ''}
                  {o.themes.length ? ` · ${o.themes.join(', ')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data && data.people.length > 0 && (
        <section aria-labelledby="eco-people">
          <h2 id="eco-people">{t('ecosystem.directory.people')}</h2>
          <ul class="eco-results">
            {data.people.map((p) => (
              <li key={p.id}>
                <Link href={`/ecosysteme/personnes/${p.id}`}>{p.name}</Link>
                {p.isResource && <span class="eco-tag">{t('ecosystem.directory.resourceBadge')}</span>}
                <span class="eco-meta">{[p.function, ...p.organisations, p.resourceFor].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {territoryId && (
        <section aria-labelledby="eco-export" class="eco-export">
          <h2 id="eco-export">{t('ecosystem.directory.export')}</h2>
          <ul>
            <li>
              <a href={`${exportBase}&what=organisations`} download>
                {t('ecosystem.directory.exportOrgsCsv')}
              </a>
            </li>
            <li>
              <a href={`${exportBase}&what=people`} download>
                {t('ecosystem.directory.exportPeopleCsv')}
              </a>
            </li>
            <li>
              <a href={`${exportBase}&format=json`} download>
                {t('ecosystem.directory.exportJson')}
              </a>
            </li>
          </ul>
        </section>
      )}
    </section>
  );
}
