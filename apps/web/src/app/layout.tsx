import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { Link, useRouter } from '../shared/router';
import { useSession } from '../shared/session';

export interface NavItem {
  readonly href: string;
  readonly label: string;
}

/**
 * Landmarks, skip link, navigation, language switch: the frame of every page. On a phone, a
 * logged-in person's navigation (a dozen links) folds behind a "Menu" disclosure button: Escape
 * closes it and gives the focus back to the button, following a link closes it.
 */
export function Layout({ children, nav }: { children: ComponentChildren; nav: NavItem[] }) {
  const { t, locale, setLocale } = useI18n();
  const { session, setSession } = useSession();
  const { navigate, path } = useRouter();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const collapsible = Boolean(session?.authenticated);
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  const logout = async () => {
    setSession(await request('DELETE /api/session').then(() => request('GET /api/session')));
    navigate('/');
  };
  return (
    <>
      <a class="skip-link" href="#contenu">
        {t('nav.skip')}
      </a>
      <header class={collapsible ? 'site-header collapsible' : 'site-header'}>
        <Link href="/" class="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </Link>
        {collapsible && (
          <button
            ref={toggle}
            type="button"
            class="menu-toggle btn btn-secondary"
            aria-expanded={open ? 'true' : 'false'}
            aria-controls="site-menu"
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true" class="menu-icon" />
            {t('menu.open')}
          </button>
        )}
        <div id="site-menu" class={open ? 'site-menu open' : 'site-menu'}>
          <nav aria-label={t('nav.main')}>
            <ul>
              {nav.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={path === item.href ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <label class="lang">
            <span class="visually-hidden">{t('nav.language')}</span>
            <select value={locale} onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value === 'en' ? 'en' : 'fr')}>
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          </label>
          <div class="header-tools">
            {session?.authenticated ? (
              <button type="button" class="btn btn-secondary" onClick={logout}>
                {t('nav.logout')}
              </button>
            ) : (
              <Link href="/connexion" class="btn btn-secondary">
                {t('nav.login')}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="contenu" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <p>{t('app.tagline')}</p>
      </footer>
    </>
  );
}
