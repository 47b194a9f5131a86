import { createContext } from 'preact';
import type { ComponentChildren } from 'preact';
import { useContext, useEffect } from 'preact/hooks';

/** The application's name, last in every document title ("Connexion — maillage"). */
export const APP_NAME = 'maillage';

/**
 * What kind of page the route is ("Projecteur", "Console"), said before the page's own heading in
 * the tab's title, so that a console and a projector of the same room can be told apart.
 */
const PageKindContext = createContext<string | undefined>(undefined);

export function PageKindProvider({ kind, children }: { kind: string | undefined; children: ComponentChildren }) {
  return <PageKindContext.Provider value={kind}>{children}</PageKindContext.Provider>;
}

/** The document title for a page heading: "Heading — maillage", or "Kind · Heading — maillage". */
export function documentTitle(title: string | undefined, kind?: string): string {
  const text = (title ?? '').replace(/\s+/g, ' ').trim();
  const parts = [kind, text && text !== kind ? text : undefined].filter(Boolean);
  return parts.length ? `${parts.join(' · ')} — ${APP_NAME}` : APP_NAME;
}

/**
 * Gives the page its own document title (WCAG 2.4.2): `PageTitle` calls it with its heading's
 * text, so every page that has an h1 has it; a page without one calls it itself.
 */
export function usePageTitle(title: string | undefined): void {
  const kind = useContext(PageKindContext);
  useEffect(() => {
    if (title === undefined && !kind) return;
    document.title = documentTitle(title, kind);
  });
}
