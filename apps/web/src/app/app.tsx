import { useEffect, useLayoutEffect } from 'preact/hooks';
import { I18nProvider, useI18n } from '../shared/i18n';
import { matchPath, RouterProvider, useRouter } from '../shared/router';
import { SessionProvider, useSession } from '../shared/session';
import { APP_NAME, PageKindProvider } from '../shared/page-title';
import { holds } from '../shared/roles';
import { Alert } from '../shared/ui';
import { AccessDeniedPage } from '../features/shell/access-denied-page';
import { NotFoundPage } from '../features/shell/not-found-page';
import { Layout } from './layout';
import { useNavItems } from './nav';
import { frenchCatalogue } from './messages-fr';
import { routes } from './routes';

function CurrentPage() {
  const { path, navigate } = useRouter();
  const { session, error } = useSession();
  const { t } = useI18n();
  const found = routes.map((r) => ({ route: r, params: matchPath(r.path, path) })).find((m) => m.params);
  const needsLogin = Boolean(found?.route.auth && session && !session.authenticated);
  useEffect(() => {
    if (session?.setupRequired && path !== '/premier-lancement') navigate('/premier-lancement', { replace: true });
    else if (needsLogin) navigate(`/connexion?suite=${encodeURIComponent(path)}`, { replace: true });
  }, [session, path, needsLogin, navigate]);
  // A new page starts from the bare title; its heading (PageTitle) then names it.
  useLayoutEffect(() => {
    document.title = APP_NAME;
  }, [path]);
  if (error) return <Alert>{t('common.offline')}</Alert>;
  if (!session) return <p aria-busy="true">{t('common.loading')}</p>;
  if (!found?.params) return <NotFoundPage />;
  if (found.route.need && session.authenticated && !holds(session.user, found.route.need)) return <AccessDeniedPage />;
  const Page = found.route.component;
  return (
    <PageKindProvider kind={found.route.kind ? t(found.route.kind) : undefined}>
      <Page params={found.params} />
    </PageKindProvider>
  );
}

function Shell() {
  const { path } = useRouter();
  const nav = useNavItems();
  if (routes.some((r) => r.bare && matchPath(r.path, path))) {
    return (
      <main id="contenu" class="bare-page" tabIndex={-1}>
        <CurrentPage />
      </main>
    );
  }
  return (
    <Layout nav={nav}>
      <CurrentPage />
    </Layout>
  );
}

/** English words, fetched the first time someone switches to English. */
const loadEnglish = () => import('./messages-en').then((m) => m.englishCatalogue);

export function App() {
  return (
    <I18nProvider french={frenchCatalogue} loadEnglish={loadEnglish}>
      <RouterProvider>
        <SessionProvider>
          <Shell />
        </SessionProvider>
      </RouterProvider>
    </I18nProvider>
  );
}
