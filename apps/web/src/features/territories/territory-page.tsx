import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { territorySections } from './section-registry';
import type { TerritorySection, TerritorySectionProps } from './sections';
import { customKindList, type Kind, kindOrder, type TerritoryDetailView, type TerritorySummaryView } from './types';
import './territories.css';

const pageSize = 60;

/** One list of territories below this one (its communes, its quartiers…), shown a page at a time. */
function ChildList({
  territory,
  kinds,
  descendants,
  heading,
}: {
  territory: TerritoryDetailView;
  kinds: readonly Kind[];
  descendants: boolean;
  heading: string;
}) {
  const { t, formatNumber } = useI18n();
  const [items, setItems] = useState<TerritorySummaryView[]>([]);
  const [total, setTotal] = useState(0);
  const [busy, setBusy] = useState(false);
  const load = async (offset: number) => {
    setBusy(true);
    try {
      const res = await request('GET /api/territories/:id/children', {
        params: { id: territory.id },
        query: { kind: kinds.join(','), limit: pageSize, offset, ...(descendants ? { descendants: 'true' } : {}) },
      });
      setItems((prev) => (offset === 0 ? res.items : [...prev, ...res.items]));
      setTotal(res.total);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load(0);
  }, [territory.id, kinds.join(','), descendants]);
  if (items.length === 0) return null;
  const id = `liste-${kinds.join('-')}`;
  return (
    <section class="territory-children" aria-labelledby={id}>
      <h2 id={id}>
        {heading} <span class="count">({formatNumber(total)})</span>
      </h2>
      <ul class="territory-grid">
        {items.map((item) => (
          <li key={item.id}>
            <Link href={`/territoires/${item.slug}`}>{item.label}</Link>
            {item.population != null && (
              <span class="territory-meta">{t('territories.population', { n: formatNumber(item.population) })}</span>
            )}
          </li>
        ))}
      </ul>
      {items.length < total && (
        <Button variant="secondary" busy={busy} onClick={() => void load(items.length)}>
          {t('territories.page.more', { shown: formatNumber(items.length), total: formatNumber(total) })}
        </Button>
      )}
    </section>
  );
}

/** A section contributed by another capability, loaded on demand. */
function ContributedSection({ section, territory }: { section: TerritorySection; territory: TerritoryDetailView }) {
  const [Component, setComponent] = useState<ComponentType<TerritorySectionProps> | undefined>(() => section.component);
  useEffect(() => {
    if (!Component && section.load) void section.load().then((m) => setComponent(() => m.default));
  }, [section]);
  return Component ? <Component territory={territory} /> : null;
}

/** Which lists a territory's page shows: its direct children by kind, and for groupings, the quartiers within. */
function listsFor(territory: TerritoryDetailView): { kinds: Kind[]; descendants: boolean }[] {
  const direct = kindOrder.filter((k) => (territory.childCounts[k] ?? 0) > 0).map((k) => ({ kinds: [k], descendants: false }));
  const grouping = territory.kind === 'epci' || territory.kind === 'departement';
  return grouping ? [...direct, ...customKindList.map((k) => ({ kinds: [k] as Kind[], descendants: true }))] : direct;
}

/** `/territoires/:slug`: a territory's home page. */
export default function TerritoryPage({ params }: { params: Record<string, string> }) {
  const { t, formatNumber } = useI18n();
  const { session } = useSession();
  const { navigate } = useRouter();
  const [territory, setTerritory] = useState<TerritoryDetailView>();
  const [error, setError] = useState<ApiError>();
  const [deleteError, setDeleteError] = useState<ApiError>();
  const slug = params.slug ?? '';
  useEffect(() => {
    setTerritory(undefined);
    setError(undefined);
    request('GET /api/territories/by-slug/:slug', { params: { slug } })
      .then(setTerritory)
      .catch((e: unknown) => setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e))));
  }, [slug]);

  if (error) {
    return (
      <section>
        <PageTitle>{t('territories.search.title')}</PageTitle>
        <Alert>
          {error.code === 'territory_not_found'
            ? t('territories.page.notFound')
            : error.code === 'offline'
              ? t('common.offline')
              : error.message}
        </Alert>
        <p>
          <Link href="/territoires">{t('territories.page.searchLink')}</Link>
        </p>
      </section>
    );
  }
  if (!territory) return <p aria-busy="true">{t('common.loading')}</p>;

  const user = session?.user;
  const mayDelete = territory.custom && Boolean(user && (user.isAdmin || user.roles.some((r) => r.role === 'coordinator')));
  const remove = async () => {
    if (!window.confirm(t('territories.page.confirmDelete', { name: territory.name }))) return;
    try {
      await request('DELETE /api/territories/:id', { params: { id: territory.id } });
      navigate('/territoires');
    } catch (e) {
      setDeleteError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
    }
  };
  const sections = [...territorySections].sort((a, b) => (a.order ?? 100) - (b.order ?? 100));

  return (
    <article class="territory-page">
      {territory.parents.length > 0 && (
        <nav aria-label={t('territories.page.partOf')} class="territory-parents">
          <span>{t('territories.page.partOf')} :</span>
          <ul>
            {territory.parents.map((p) => (
              <li key={p.id}>
                <Link href={`/territoires/${p.slug}`}>{p.label}</Link>{' '}
                <span class="territory-meta">({t(`territories.kind.${p.kind}`)})</span>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <PageTitle>{territory.name}</PageTitle>
      <p class="territory-facts">
        <span class="badge">{t(`territories.kind.${territory.kind}`)}</span>
        {territory.code && <span>{t('territories.code', { code: territory.code })}</span>}
        {territory.population != null && <span>{t('territories.population', { n: formatNumber(territory.population) })}</span>}
      </p>
      {territory.custom && <p class="hint">{t('territories.page.customNote')}</p>}
      {listsFor(territory).map((list) => (
        <ChildList
          key={`${list.kinds.join(',')}-${list.descendants}`}
          territory={territory}
          kinds={list.kinds}
          descendants={list.descendants}
          heading={t(`territories.plural.${list.kinds[0]}`)}
        />
      ))}
      {sections.map((section) => (
        <ContributedSection key={section.id} section={section} territory={territory} />
      ))}
      {user && (user.isAdmin || user.roles.some((r) => r.role === 'coordinator')) && (
        <p>
          <Link href={`/collectifs/demandes?territoire=${territory.id}`}>{t('collectives.support.pageLink')}</Link>
        </p>
      )}
      {mayDelete && (
        <div class="territory-actions">
          {deleteError && <Alert>{deleteError.message}</Alert>}
          <Link href={`/territoires/${territory.slug}/modifier`} class="btn btn-primary">
            {t('territories.edit.link')}
          </Link>{' '}
          <Button variant="secondary" onClick={() => void remove()}>
            {t('territories.page.delete')}
          </Button>
        </div>
      )}
    </article>
  );
}
