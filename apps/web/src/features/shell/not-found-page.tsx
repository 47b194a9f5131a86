import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { PageTitle } from '../../shared/ui';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>
        <Link href="/">{t('notFound.back')}</Link>
      </p>
    </section>
  );
}
