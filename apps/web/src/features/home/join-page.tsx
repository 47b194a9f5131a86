import { useI18n } from '../../shared/i18n';
import { PageTitle } from '../../shared/ui';
import { JoinRoomForm } from './join-room';
import './home.css';

/** `/j` without a code: the field that takes one (a participant who typed only the address). */
export default function JoinPage() {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <PageTitle>{t('home.join.title')}</PageTitle>
      <JoinRoomForm headingLevel={1} />
    </section>
  );
}
