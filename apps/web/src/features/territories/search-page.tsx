import { useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, PageTitle } from '../../shared/ui';
import { kindOrder } from './types';
import { useTerritorySearch } from './use-debounced-search';
import './territories.css';

/** `/territoires`: instant, accent-insensitive search over every territory. */
export default function TerritorySearchPage() {
  const { t, formatNumber } = useI18n();
  const { search } = useRouter();
  const { session } = useSession();
  const [q, setQ] = useState(() => search.get('q') ?? '');
  const [kind, setKind] = useState(() => search.get('type') ?? '');
  const result = useTerritorySearch(q, kind, 30);
  const canCreate = Boolean(session?.user && (session.user.isAdmin || session.user.roles.some((r) => r.role === 'coordinator')));

  const remember = (nextQ: string, nextKind: string) => {
    // Keeps the query in the address (back button, shared links) without moving the page.
    const params = new URLSearchParams();
    if (nextQ.trim()) params.set('q', nextQ.trim());
    if (nextKind) params.set('type', nextKind);
    history.replaceState(null, '', `/territoires${params.toString() ? `?${params}` : ''}`);
  };

  const status = !q.trim()
    ? t('territories.search.prompt')
    : result.loading
      ? t('territories.search.searching')
      : result.failed
        ? ''
        : result.items.length === 0
          ? t('territories.search.none', { q: q.trim() })
          : t('territories.search.count', { count: result.items.length });

  return (
    <section class="territories">
      <PageTitle>{t('territories.search.title')}</PageTitle>
      <p class="lead">{t('territories.search.intro')}</p>
      {canCreate && (
        <p>
          <Link href="/territoires/nouveau" class="btn btn-secondary">
            {t('territories.create.link')}
          </Link>
        </p>
      )}
      <form noValidate class="territory-search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="territory-q">{t('territories.search.label')}</label>
          <p class="hint" id="territory-q-hint">
            {t('territories.search.hint')}
          </p>
          <input
            id="territory-q"
            type="search"
            autoComplete="off"
            spellcheck={false}
            aria-describedby="territory-q-hint"
            value={q}
            onInput={(e) => {
              setQ(e.currentTarget.value);
              remember(e.currentTarget.value, kind);
            }}
          />
        </div>
        <div class="field">
          <label for="territory-kind">{t('territories.search.kind')}</label>
          <select
            id="territory-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.currentTarget.value);
              remember(q, e.currentTarget.value);
            }}
          >
            <option value="">{t('territories.search.allKinds')}</option>
            {kindOrder.map((k) => (
              <option key={k} value={k}>
                {t(`territories.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p role="status" class="search-status">
        {status}
      </p>
      {result.failed && <Alert>{t('common.offline')}</Alert>}
      {result.items.length > 0 && (
        <ul class="territory-results" aria-busy={result.loading ? 'true' : undefined}>
          {result.items.map((item) => (
            <li key={item.id}>
              <Link href={`/territoires/${item.slug}`}>{item.label}</Link>
              <span class="territory-meta">
                {t(`territories.kind.${item.kind}`)}
                {item.population != null && ` · ${t('territories.population', { n: formatNumber(item.population) })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
