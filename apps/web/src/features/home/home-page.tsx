import { useI18n } from '../../shared/i18n';
import { useSession } from '../../shared/session';
import { PageTitle } from '../../shared/ui';
import { MyTerritories } from '../territories/my-territories';

export function HomePage() {
  const { t } = useI18n();
  const { session } = useSession();
  const user = session?.user;
  return (
    <section class="home">
      <PageTitle>{user ? t('home.hello', { name: user.displayName }) : t('home.title')}</PageTitle>
      {user ? <p>{t('home.roles', { count: user.roles.length + (user.isAdmin ? 1 : 0) })}</p> : <p class="lead">{t('home.anonymous')}</p>}
      {user && <MyTerritories user={user} />}
    </section>
  );
}
