import { useI18n } from '../../shared/i18n';
import type { EventDetail } from './types';

/** Links to the day's printables (PDF files, plain downloads): programme, badges, room signs, attendance sheets. */
export function PrintLinks({ detail }: { detail: EventDetail }) {
  const { t } = useI18n();
  const { event } = detail;
  return (
    <section aria-labelledby="print-title" class="card">
      <h2 id="print-title">{t('events.print')}</h2>
      <ul class="print-links">
        <li>
          <a href={`/api/events/${event.id}/programme.pdf`}>{t('events.pdf.programme')}</a>
        </li>
        <li>
          <a href={`/api/events/${event.id}/badges.pdf`}>{t('events.pdf.badges')}</a>
        </li>
        <li>
          <a href={`/api/events/${event.id}/salles.pdf`}>{t('events.pdf.rooms')}</a>
        </li>
        <li>
          <a href={`/api/events/${event.id}/emargement.pdf`}>{t('events.pdf.sheet')}</a>
        </li>
        {detail.sessions
          .filter((s) => s.choosable)
          .map((s) => (
            <li key={s.id}>
              <a href={`/api/events/${event.id}/emargement.pdf?sessionId=${s.id}`}>{t('events.pdf.sheetOf', { title: s.title })}</a>
            </li>
          ))}
      </ul>
    </section>
  );
}
