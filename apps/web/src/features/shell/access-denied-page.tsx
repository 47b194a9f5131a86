import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { PageTitle } from '../../shared/ui';

/** A page the person's role does not open: said plainly, with the way back (never "the server does not answer"). */
export function AccessDeniedPage() {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <PageTitle>{t('access.title')}</PageTitle>
      <p>{t('access.denied')}</p>
      <p>
        <Link href="/">{t('access.back')}</Link>
      </p>
    </section>
  );
}
