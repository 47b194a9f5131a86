import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../../shared/form';
import { ProgrammeGrid } from './programme-grid';
import { type ComboOption, SearchCombobox } from './search-combobox';
import { type EventDetail, type EventSession, participantKindList, slotsOf } from './types';
import './events.css';

/** Workshops to choose, by time slot; each slot offers ranked choices among its parallel workshops. */
export function WorkshopChoices({
  sessions,
  value,
  onChange,
  places,
}: {
  sessions: EventSession[];
  value: string[];
  onChange: (next: string[]) => void;
  places?: Record<string, number | null>;
}) {
  const { t } = useI18n();
  const slots = slotsOf(sessions.filter((s) => s.choosable));
  if (slots.length === 0) return null;
  return (
    <fieldset class="field workshop-choices">
      <legend>{t('events.reg.workshops')}</legend>
      {slots.map((slot) => {
        const inSlot = value.filter((id) => slot.some((s) => s.id === id));
        const ranks = slot.length > 1 ? Math.min(slot.length, 3) : 1;
        return (
          <div key={slot[0]!.id} class="choice-slot">
            <p class="choice-time">
              {slot[0]!.startsAt} –{' '}
              {slot
                .map((s) => s.endsAt)
                .sort()
                .at(-1)}
            </p>
            {Array.from({ length: ranks }, (_, rank) => {
              const id = `choice-${slot[0]!.id}-${rank}`;
              return (
                <div key={id} class="field">
                  <label for={id}>{t('events.reg.choice', { rank: rank + 1 })}</label>
                  <select
                    id={id}
                    value={inSlot[rank] ?? ''}
                    onChange={(e) => {
                      const picked = (e.currentTarget as HTMLSelectElement).value;
                      const next = [...inSlot];
                      next[rank] = picked;
                      const cleaned = next.filter((x, i) => x && next.indexOf(x) === i);
                      const others = value.filter((v) => !slot.some((s) => s.id === v));
                      onChange([...others, ...cleaned]);
                    }}
                  >
                    <option value="">{t('events.reg.noChoice')}</option>
                    {slot.map((s) => {
                      const left = places?.[s.id];
                      return (
                        <option key={s.id} value={s.id}>
                          {s.title}
                          {left === 0 ? ` (${t('events.public.full')})` : ''}
                        </option>
                      );
                    })}
                  </select>
                </div>
              );
            })}
          </div>
        );
      })}
    </fieldset>
  );
}

export default function EventPublicPage({ params }: { params: Record<string, string> }) {
  const { t, formatDate } = useI18n();
  const { navigate } = useRouter();
  const [detail, setDetail] = useState<EventDetail>();
  const [missing, setMissing] = useState(false);
  const [form, setForm] = useState({
    name: '',
    email: '',
    organisationName: '',
    organisationId: null as string | null,
    organisationKind: '' as (typeof participantKindList)[number] | '',
    territoryId: '',
    themes: [] as string[],
    choices: [] as string[],
    lunch: false,
    accessibility: '',
    consent: false,
    directoryConsent: false,
  });
  const [organisation, setOrganisation] = useState<ComboOption | null>(null);
  const [places, setPlaces] = useState<{ id: string; label: string }[]>([]);
  useEffect(() => {
    request('GET /api/events/:id', { params: { id: params.slug ?? '' } })
      .then((d) => {
        setDetail(d);
        // The territory question offers the event's territory and what it contains (communes, quartiers).
        void Promise.all([
          request('GET /api/territories/:id', { params: { id: d.event.territoryId } }),
          request('GET /api/territories/:id/children', {
            params: { id: d.event.territoryId },
            query: { descendants: 'true', limit: 300 },
          }),
        ])
          .then(([root, below]) =>
            setPlaces([{ id: root.id, label: root.label }, ...below.items.map((x) => ({ id: x.id, label: x.label }))]),
          )
          .catch(() => setPlaces([]));
      })
      .catch(() => setMissing(true));
  }, [params.slug]);
  const { busy, error, run } = useSubmit(
    async () => {
      if (!detail) return;
      const res = await request('POST /api/events/:id/registrations', {
        params: { id: detail.event.id },
        body: {
          ...form,
          organisationKind: form.organisationKind || null,
          territoryId: form.territoryId || null,
          // An unticked box is sent as it is: the server answers with the field's error.
          consent: form.consent as true,
        },
      });
      navigate(`/inscription/${res.token}?nouvelle=1`);
    },
    {
      // Found before sending, in the order of the form: the focus goes to the first.
      check: () => [
        ...(form.name.trim() ? [] : [{ field: 'name', message: t('events.reg.nameRequired') }]),
        ...(!form.email.trim()
          ? [{ field: 'email', message: t('events.reg.emailRequired') }]
          : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())
            ? []
            : [{ field: 'email', message: t('events.reg.emailInvalid') }]),
        ...(form.consent ? [] : [{ field: 'consent', message: t('events.reg.consentRequired') }]),
      ],
    },
  );
  if (missing) return <Alert>{t('events.notFound')}</Alert>;
  if (!detail) return <p aria-busy="true">{t('common.loading')}</p>;
  const { event } = detail;
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const open = event.registration === 'open';
  const longDate = (day: string) => formatDate(`${day}T12:00:00Z`, { dateStyle: 'full', timeZone: 'UTC' });
  return (
    <article class="event-public">
      <PageTitle>{event.title}</PageTitle>
      <p class="lead">
        {formatDate(`${event.startDate}T12:00:00Z`, { dateStyle: 'full', timeZone: 'UTC' })}
        {event.endDate !== event.startDate && ` – ${formatDate(`${event.endDate}T12:00:00Z`, { dateStyle: 'full', timeZone: 'UTC' })}`}
        {event.venueName && ` · ${event.venueName}`}
      </p>
      {event.registration === 'over' && (
        <Alert kind="info">
          <strong>{t('events.public.over', { date: longDate(event.endDate) })}</strong>
        </Alert>
      )}
      {event.venueAddress && <p>{event.venueAddress}</p>}
      {event.organisers.length > 0 && <p>{t('events.public.organisers', { names: event.organisers.join(', ') })}</p>}
      {event.partners.length > 0 && <p>{t('events.public.partners', { names: event.partners.join(', ') })}</p>}
      {event.audience && <p>{t('events.public.audience', { audience: event.audience })}</p>}
      {event.description && <p class="event-description">{event.description}</p>}
      {detail.canManage && <Link href={`/journees/${event.id}/preparer`}>{t('events.prepare')}</Link>}
      <section aria-labelledby="programme-title">
        <h2 id="programme-title">{t('events.public.programme')}</h2>
        <ProgrammeGrid sessions={detail.sessions} rooms={detail.rooms} places={detail.places} />
        <p>
          <a href={`/api/events/${event.id}/programme.pdf`}>{t('events.pdf.programme')}</a>
        </p>
      </section>
      <section aria-labelledby="register-title" class="register card">
        <h2 id="register-title">{t('events.public.register')}</h2>
        {!open ? (
          <Alert kind="info">
            {event.registration === 'over'
              ? t('events.reg.over')
              : event.registration === 'deadline_passed' && event.registrationClosesOn
                ? t('events.reg.deadlinePassed', { date: longDate(event.registrationClosesOn) })
                : t('events.reg.closed')}
          </Alert>
        ) : (
          <>
            {event.registrationClosesOn && <p>{t('events.reg.until', { date: longDate(event.registrationClosesOn) })}</p>}
            {detail.places.event === 0 && <Alert kind="info">{t('events.public.eventFull')}</Alert>}
            {error && (
              <Alert>
                {error.code === 'offline' ? t('common.offline') : error.code === 'validation' ? t('accounts.fixErrors') : error.message}
              </Alert>
            )}
            <form onSubmit={run} noValidate>
              <Field
                label={t('events.reg.name')}
                name="name"
                autoComplete="name"
                required
                value={form.name}
                error={error?.forField('name')}
                onInput={(e) => set({ name: e.currentTarget.value })}
              />
              <Field
                label={t('field.email')}
                name="email"
                type="email"
                autoComplete="email"
                required
                value={form.email}
                error={error?.forField('email')}
                onInput={(e) => set({ email: e.currentTarget.value })}
              />
              <SearchCombobox
                label={t('events.reg.organisation')}
                hint={t('events.reg.organisationHint')}
                name="organisationName"
                autoComplete="organization"
                value={form.organisationName}
                chosen={organisation}
                error={error?.forField('organisationName') ?? error?.forField('organisationId')}
                freeText={t('events.reg.organisationNotListed', { name: form.organisationName.trim() })}
                onText={(organisationName) => setForm((f) => ({ ...f, organisationName }))}
                onChoose={(option) => {
                  setOrganisation(option);
                  setForm((f) => ({ ...f, organisationId: option?.id ?? null }));
                }}
                search={async (q) => {
                  const res = await request('GET /api/events/:id/organisations', { params: { id: event.id }, query: { q } });
                  return res.items.map((o) => ({ id: o.id, label: o.name, detail: o.communeName }));
                }}
              />
              <div class="field">
                <label for="reg-kind">{t('events.reg.orgKind')}</label>
                <select
                  id="reg-kind"
                  value={form.organisationKind}
                  onChange={(e) =>
                    set({ organisationKind: (e.currentTarget as HTMLSelectElement).value as (typeof participantKindList)[number] | '' })
                  }
                >
                  <option value="">—</option>
                  {participantKindList.map((k) => (
                    <option key={k} value={k}>
                      {t(`events.orgKind.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              {places.length > 0 && (
                <div class="field">
                  <label for="reg-territory">{t('events.reg.territory')}</label>
                  <select
                    id="reg-territory"
                    value={form.territoryId}
                    onChange={(e) => set({ territoryId: (e.currentTarget as HTMLSelectElement).value })}
                  >
                    <option value="">—</option>
                    {places.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.label}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              {event.themes.length > 0 && (
                <fieldset class="field">
                  <legend>{t('events.reg.themes')}</legend>
                  {event.themes.map((theme) => (
                    <label key={theme} class="check">
                      <input
                        type="checkbox"
                        checked={form.themes.includes(theme)}
                        onChange={(e) =>
                          set({
                            themes: (e.currentTarget as HTMLInputElement).checked
                              ? [...form.themes, theme]
                              : form.themes.filter((x) => x !== theme),
                          })
                        }
                      />
                      {theme}
                    </label>
                  ))}
                </fieldset>
              )}
              <WorkshopChoices
                sessions={detail.sessions}
                value={form.choices}
                onChange={(choices) => set({ choices })}
                places={detail.places.sessions}
              />
              <label class="check field">
                <input
                  type="checkbox"
                  checked={form.lunch}
                  onChange={(e) => set({ lunch: (e.currentTarget as HTMLInputElement).checked })}
                />
                {t('events.reg.lunch')}
              </label>
              <div class="field">
                <label for="reg-access">{t('events.reg.accessibility')}</label>
                <textarea
                  id="reg-access"
                  rows={2}
                  value={form.accessibility}
                  onInput={(e) => set({ accessibility: e.currentTarget.value })}
                />
              </div>
              <div class="field">
                <label class="check">
                  <input
                    type="checkbox"
                    required
                    checked={form.consent}
                    aria-invalid={error?.forField('consent') ? 'true' : undefined}
                    aria-describedby={error?.forField('consent') ? 'consent-error' : undefined}
                    onChange={(e) => set({ consent: (e.currentTarget as HTMLInputElement).checked })}
                  />
                  {t('events.reg.consent')}
                </label>
                {error?.forField('consent') && (
                  <p class="field-error" id="consent-error">
                    {error.forField('consent')}
                  </p>
                )}
              </div>
              <label class="check field">
                <input
                  type="checkbox"
                  checked={form.directoryConsent}
                  onChange={(e) => set({ directoryConsent: (e.currentTarget as HTMLInputElement).checked })}
                />
                {t('events.reg.directoryConsent')}
              </label>
              <Button type="submit" busy={busy}>
                {t('events.reg.submit')}
              </Button>
            </form>
          </>
        )}
      </section>
    </article>
  );
}
