import type { ListsAll } from '../../shared/lists';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { OrganisationKind, ThemeListView } from '@maillage/core';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { holds } from '../../shared/roles';
import { useSession } from '../../shared/session';

/** Colours of the 7 continuum levels (red: rivalry → dark blue: integration), distinct for colour-blind readers too. */
export const levelColours = ['#b2182b', '#d6604d', '#f4a582', '#92c5de', '#4393c3', '#2166ac', '#053061'] as const;
/** Text colour readable (AA) on each level colour. */
export const levelText = ['#fff', '#000', '#000', '#000', '#000', '#fff', '#fff'] as const;
export const hiddenColour = '#9e9e9e';

export const kinds = [
  'association',
  'centre_social',
  'collectivite',
  'etat',
  'caf',
  'bailleur',
  'entreprise',
  'collectif_habitants',
  'centre_ressources',
  'habitant',
  'autre',
] as const satisfies readonly OrganisationKind[];
const _allKinds: ListsAll<OrganisationKind, (typeof kinds)[number]> = true;

export type Theme = ThemeListView['themes'][number];

/** A level as a coloured chip with its number and French label. */
export function LevelBadge({ level }: { level: number | null }) {
  const { t } = useI18n();
  if (level === null) return <span class="level-badge level-hidden">{t('ecosystem.level.hidden')}</span>;
  return (
    <span class="level-badge" style={{ background: levelColours[level - 1], color: levelText[level - 1] }}>
      {level} · {t(`ecosystem.level.${level}`)}
    </span>
  );
}

/**
 * The territory the ecosystem pages look at: `?territoire=ID` in the address, else the first
 * territory the user holds a role on. Returns the choices with their names for a select.
 */
export function useEcoTerritory(): { territoryId: string; setTerritoryId(id: string): void; options: { id: string; label: string }[] } {
  const { session } = useSession();
  const { search } = useRouter();
  const roleIds = [...new Set(session?.user?.roles.map((r) => r.territoryId) ?? [])];
  const fromUrl = search.get('territoire');
  const [territoryId, setId] = useState(fromUrl ?? roleIds[0] ?? '');
  const [options, setOptions] = useState<{ id: string; label: string }[]>([]);
  const ids = [...new Set([...(fromUrl ? [fromUrl] : []), ...roleIds])];
  useEffect(() => {
    if (!territoryId && roleIds[0]) setId(roleIds[0]);
  }, [roleIds.join(',')]);
  useEffect(() => {
    let alive = true;
    Promise.all(
      ids.map((id) =>
        request('GET /api/territories/:id', { params: { id } })
          .then((x) => ({ id, label: x.label }))
          .catch(() => ({ id, label: id })),
      ),
    ).then((found) => alive && setOptions(found));
    return () => {
      alive = false;
    };
  }, [ids.join(',')]);
  const setTerritoryId = (id: string) => {
    setId(id);
    const params = new URLSearchParams(window.location.search);
    params.set('territoire', id);
    history.replaceState(null, '', `${window.location.pathname}?${params}`);
  };
  return { territoryId, setTerritoryId, options };
}

export function TerritorySelect({
  value,
  options,
  onChange,
}: {
  value: string;
  options: { id: string; label: string }[];
  onChange(id: string): void;
}) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for="eco-territory">{t('ecosystem.territory.label')}</label>
      <select id="eco-territory" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The "type of actor" filter of the directory and the map (any kind, or one). */
export function KindFilter({ id, value, onChange }: { id: string; value: string; onChange(kind: string): void }) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for={id}>{t('ecosystem.directory.kind')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('ecosystem.directory.allKinds')}</option>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {t(`ecosystem.kind.${k}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The theme filter of the directory and the map (any theme, or one of the territory's). */
export function ThemeFilter({
  id,
  value,
  themes,
  onChange,
}: {
  id: string;
  value: string;
  themes: readonly Theme[];
  onChange(themeId: string): void;
}) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for={id}>{t('ecosystem.directory.theme')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('ecosystem.directory.allThemes')}</option>
        {themes.map((th) => (
          <option key={th.id} value={th.id}>
            {th.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Themes usable on a territory. */
export function useThemes(territoryId: string): Theme[] {
  const [themes, setThemes] = useState<Theme[]>([]);
  useEffect(() => {
    request('GET /api/ecosystem/themes', { query: { territoryId: territoryId || undefined } })
      .then((r) => setThemes(r.themes))
      .catch(() => setThemes([]));
  }, [territoryId]);
  return themes;
}

/** The capability's sub-navigation. */
export function EcoTabs({
  current,
  territoryId,
}: {
  current: 'directory' | 'map' | 'dashboard' | 'mobilise' | 'import' | 'curate';
  territoryId: string;
}) {
  const { t } = useI18n();
  const { session } = useSession();
  const q = territoryId ? `?territoire=${territoryId}` : '';
  // Importing and curating are the coordinators': others do not see tabs they could not use.
  const curates = holds(session?.user, 'coordinator');
  const all = [
    ['directory', '/ecosysteme'],
    ['map', '/ecosysteme/carte'],
    ['dashboard', '/ecosysteme/tableau-de-bord'],
    ['mobilise', '/ecosysteme/mobiliser'],
    ['import', '/ecosysteme/import'],
    ['curate', '/ecosysteme/gestion'],
  ] as const;
  const tabs = all.filter(([key]) => curates || (key !== 'import' && key !== 'curate'));
  return (
    <nav class="eco-tabs" aria-label={t('ecosystem.tabs.label')}>
      <ul>
        {tabs.map(([key, href]) => (
          <li key={key}>
            <Link href={`${href}${q}`} aria-current={current === key ? 'page' : undefined}>
              {t(`ecosystem.tabs.${key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * A horizontally scrolling wrapper for a wide table on a phone, reachable by keyboard so its
 * hidden columns can be scrolled to (WCAG 2.1.1; axe "scrollable-region-focusable").
 */
export function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus to be scrolled with the keyboard
    <section class="eco-table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
