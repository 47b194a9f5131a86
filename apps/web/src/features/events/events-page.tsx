import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import type { EventListItem, ProgrammeTemplate } from './types';
import { type ComboOption, SearchCombobox } from './search-combobox';
import './events.css';

/** The cooperation days one can see, and a form to start a new one (from a template or a past day). */
export default function EventsPage() {
  const { t, formatDate } = useI18n();
  const { session } = useSession();
  const { navigate } = useRouter();
  const [events, setEvents] = useState<EventListItem[]>();
  const [templates, setTemplates] = useState<ProgrammeTemplate[]>([]);
  const [territories, setTerritories] = useState<{ id: string; name: string }[]>([]);
  const coordinatorOf = [...new Set((session?.user?.roles ?? []).filter((r) => r.role === 'coordinator').map((r) => r.territoryId))];
  const [form, setForm] = useState({ title: '', territoryId: '', startDate: '', source: 'journee-cooperation' });
  const isAdmin = Boolean(session?.user?.isAdmin);
  const [territoryText, setTerritoryText] = useState('');
  const [territoryChosen, setTerritoryChosen] = useState<ComboOption | null>(null);
  useEffect(() => {
    void request('GET /api/events').then(setEvents);
    void request('GET /api/event-templates').then(setTemplates);
  }, []);
  useEffect(() => {
    void Promise.all(
      coordinatorOf.map((id) =>
        request('GET /api/territories/:id', { params: { id } })
          .then((x) => ({ id, name: x.name }))
          .catch(() => ({ id, name: id })),
      ),
    ).then((list) => {
      setTerritories(list);
      if (list[0] && !isAdmin) setForm((f) => (f.territoryId ? f : { ...f, territoryId: list[0]!.id }));
    });
  }, [coordinatorOf.join(',')]);
  const create = useSubmit(async () => {
    const source = form.source.startsWith('event:') ? { fromEventId: form.source.slice(6) } : form.source ? { template: form.source } : {};
    const created = await request('POST /api/events', {
      body: { title: form.title, territoryId: form.territoryId, startDate: form.startDate, endDate: form.startDate, ...source },
    });
    navigate(`/journees/${created.id}/preparer`);
  });
  const canCreate = Boolean(isAdmin || coordinatorOf.length > 0);
  return (
    <section>
      <PageTitle>{t('events.title')}</PageTitle>
      {!events ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : events.length === 0 ? (
        <p>{t('events.none')}</p>
      ) : (
        <ul class="event-list">
          {events.map((e) => (
            <li key={e.id} class="card">
              <h2>
                <Link href={`/journees/${e.slug}`}>{e.title}</Link>
              </h2>
              <p>
                {formatDate(`${e.startDate}T12:00:00Z`, { dateStyle: 'full', timeZone: 'UTC' })} ·{' '}
                <span class={`badge status-${e.status}`}>{t(`events.status.${e.status}`)}</span>
              </p>
              {e.canManage && (
                <p class="actions">
                  <Link href={`/journees/${e.id}/preparer`}>{t('events.prepare')}</Link>
                  <Link href={`/journees/${e.id}/inscriptions`}>{t('events.registrations')}</Link>
                  <Link href={`/journees/${e.id}/accueil`}>{t('events.checkin')}</Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <section aria-labelledby="new-event" class="card narrow-wide">
          <h2 id="new-event">{t('events.new')}</h2>
          {create.error && <Alert>{create.error.code === 'offline' ? t('common.offline') : create.error.message}</Alert>}
          <form onSubmit={create.run} noValidate>
            <Field
              label={t('events.field.title')}
              name="title"
              required
              value={form.title}
              error={create.error?.forField('title')}
              onInput={(e) => setForm({ ...form, title: e.currentTarget.value })}
            />
            {isAdmin ? (
              // An administrator holds no territory of their own: they search among all of them.
              <SearchCombobox
                label={t('events.field.territory')}
                hint={t('events.field.territoryAdminHint')}
                name="territory"
                value={territoryText}
                chosen={territoryChosen}
                error={create.error?.forField('territoryId')}
                onText={setTerritoryText}
                onChoose={(option) => {
                  setTerritoryChosen(option);
                  setForm((f) => ({ ...f, territoryId: option?.id ?? '' }));
                }}
                search={async (q) => {
                  const res = await request('GET /api/territories', { query: { q, limit: 10 } });
                  return res.items.map((x) => ({ id: x.id, label: x.label, detail: t(`territories.kind.${x.kind}`) }));
                }}
              />
            ) : (
              <div class="field">
                <label for="new-territory">{t('events.field.territory')}</label>
                <select
                  id="new-territory"
                  value={form.territoryId}
                  onChange={(e) => setForm({ ...form, territoryId: (e.currentTarget as HTMLSelectElement).value })}
                >
                  {territories.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
                {create.error?.forField('territoryId') && <p class="field-error">{create.error.forField('territoryId')}</p>}
              </div>
            )}
            <Field
              label={t('events.field.startDate')}
              name="startDate"
              type="date"
              required
              value={form.startDate}
              error={create.error?.forField('startDate')}
              onInput={(e) => setForm({ ...form, startDate: e.currentTarget.value })}
            />
            <div class="field">
              <label for="new-source">{t('events.field.template')}</label>
              <select
                id="new-source"
                value={form.source}
                onChange={(e) => setForm({ ...form, source: (e.currentTarget as HTMLSelectElement).value })}
              >
                <option value="">{t('events.template.none')}</option>
                {templates.map((x) => (
                  <option key={x.key} value={x.key}>
                    {x.title}
                  </option>
                ))}
                {(events ?? [])
                  .filter((e) => e.canManage)
                  .map((e) => (
                    <option key={e.id} value={`event:${e.id}`}>
                      {t('events.template.from', { title: e.title })}
                    </option>
                  ))}
              </select>
            </div>
            <Button type="submit" busy={create.busy}>
              {t('events.create')}
            </Button>
          </form>
        </section>
      )}
    </section>
  );
}
