import type { ComponentChildren } from 'preact';
import { request } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { Link, useRouter } from '../shared/router';
import { useSession } from '../shared/session';

export interface NavItem {
  readonly href: string;
  readonly label: string;
}

/** Landmarks, skip link, navigation, language switch: the frame of every page. */
export function Layout({ children, nav }: { children: ComponentChildren; nav: NavItem[] }) {
  const { t, locale, setLocale } = useI18n();
  const { session, setSession } = useSession();
  const { navigate, path } = useRouter();
  const logout = async () => {
    setSession(await request('DELETE /api/session').then(() => request('GET /api/session')));
    navigate('/');
  };
  return (
    <>
      <a class="skip-link" href="#contenu">
        {t('nav.skip')}
      </a>
      <header class="site-header">
        <Link href="/" class="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </Link>
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
        <div class="header-tools">
          <label class="lang">
            <span class="visually-hidden">{t('nav.language')}</span>
            <select value={locale} onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value === 'en' ? 'en' : 'fr')}>
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          </label>
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
