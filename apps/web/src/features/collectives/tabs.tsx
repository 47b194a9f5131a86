import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Tab {
  readonly id: string;
  readonly label: string;
  /** A short addition read after the label ("2 en retard"). */
  readonly badge?: string | undefined;
  readonly render: () => ComponentChildren;
}

/**
 * ARIA tabs (automatic activation): arrows, Home and End move between tabs, Tab goes into the
 * panel. The chosen tab is kept in the address (`#fiche`), so a link or a reload comes back to
 * it. A panel is rendered the first time it is opened, then kept (hidden), so a form being
 * written in one tab survives a visit to another.
 */
export function Tabs({ label, tabs, idPrefix }: { label: string; tabs: readonly Tab[]; idPrefix: string }) {
  const fromHash = typeof window !== 'undefined' ? window.location.hash.slice(1) : '';
  const [active, setActive] = useState(tabs.some((t) => t.id === fromHash) ? fromHash : (tabs[0]?.id ?? ''));
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([active]));
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const choose = (id: string, focus: boolean) => {
    setActive(id);
    setOpened((o) => (o.has(id) ? o : new Set([...o, id])));
    history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}#${id}`);
    if (focus) refs.current[id]?.focus();
  };
  // A link to another tab of the same page (`#appui`) opens it.
  useEffect(() => {
    const onHash = () => {
      const id = window.location.hash.slice(1);
      if (tabs.some((t) => t.id === id)) choose(id, false);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [tabs.map((t) => t.id).join(',')]);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === active);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    choose(tabs[next]?.id ?? active, true);
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label={label} class="tablist" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[tab.id] = el;
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            aria-selected={tab.id === active ? 'true' : 'false'}
            tabIndex={tab.id === active ? 0 : -1}
            onClick={() => choose(tab.id, false)}
          >
            {tab.label}
            {tab.badge && <span class="tab-badge"> ({tab.badge})</span>}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${idPrefix}-panel-${tab.id}`}
          aria-labelledby={`${idPrefix}-tab-${tab.id}`}
          hidden={tab.id !== active}
          class="tabpanel"
        >
          {opened.has(tab.id) && tab.render()}
        </div>
      ))}
    </div>
  );
}
