import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { lines } from './editor-drafts';
import type { EventDetail } from './types';

/** After the day: who came, to the day and to each workshop, and what to remember of it ("à retenir"). */
export function AfterTheDay({ detail, onSaved }: { detail: EventDetail; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const { event, counts } = detail;
  const [takeaways, setTakeaways] = useState(() => event.takeaways.join('\n'));
  // Each reload of the day (after any save) shows what the server holds.
  useEffect(() => setTakeaways(event.takeaways.join('\n')), [event]);
  const saveTakeaways = useSubmit(async () => {
    await request('PUT /api/events/:id/takeaways', { params: { id: event.id }, body: { takeaways: lines(takeaways) } });
    await onSaved();
  });
  return (
    <section aria-labelledby="after-title" class="card">
      <h2 id="after-title">{t('events.after')}</h2>
      {counts && (
        <table>
          <caption>{t('events.attendanceBySession')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.list.workshop')}</th>
              <th scope="col">{t('events.list.confirmed')}</th>
              <th scope="col">{t('events.checkin.presentCol')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('events.wholeDay')}</th>
              <td>{counts.confirmed}</td>
              <td>{counts.present}</td>
            </tr>
            {detail.sessions
              .filter((s) => s.choosable)
              .map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.title}</th>
                  <td>{counts.sessions[s.id]?.confirmed ?? 0}</td>
                  <td>{counts.sessions[s.id]?.present ?? 0}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {saveTakeaways.error && <Alert>{saveTakeaways.error.message}</Alert>}
      <form onSubmit={saveTakeaways.run} noValidate>
        <div class="field">
          <label for="takeaways">{t('events.takeaways')}</label>
          <p class="hint" id="takeaways-hint">
            {t('events.takeawaysHint')}
          </p>
          <textarea
            id="takeaways"
            aria-describedby="takeaways-hint"
            rows={4}
            value={takeaways}
            onInput={(e) => setTakeaways(e.currentTarget.value)}
          />
        </div>
        <Button type="submit" busy={saveTakeaways.busy}>
          {t('events.takeawaysSave')}
        </Button>
      </form>
    </section>
  );
}
