import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { lines, numberOrNull } from './editor-drafts';
import type { EventView } from './types';

/** The day's fields as the form edits them (lists one item a line). */
function infoOf(e: EventView): Record<string, string> {
  return {
    title: e.title,
    description: e.description,
    audience: e.audience,
    startDate: e.startDate,
    endDate: e.endDate,
    opensAt: e.opensAt,
    closesAt: e.closesAt,
    venueName: e.venueName,
    venueAddress: e.venueAddress,
    capacity: e.capacity === null ? '' : String(e.capacity),
    registrationClosesOn: e.registrationClosesOn ?? '',
    organisers: e.organisers.join('\n'),
    partners: e.partners.join('\n'),
    themes: e.themes.join('\n'),
  };
}

/** The day's information (title, dates, times, venue, capacity, organisers…), open while it is a draft. */
export function EventInfoForm({ event, onSaved }: { event: EventView; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const [info, setInfo] = useState<Record<string, string>>(() => infoOf(event));
  // Each reload of the day (after any save) shows what the server holds.
  useEffect(() => setInfo(infoOf(event)), [event]);
  const saveInfo = useSubmit(async () => {
    await request('PATCH /api/events/:id', {
      params: { id: event.id },
      body: {
        ...info,
        capacity: numberOrNull(info.capacity ?? ''),
        registrationClosesOn: info.registrationClosesOn || null,
        organisers: lines(info.organisers),
        partners: lines(info.partners),
        themes: lines(info.themes),
      },
    });
    await onSaved();
  });
  const field = (name: string, label: string, type: 'text' | 'date' | 'time' | 'number' = 'text') => (
    <Field
      label={label}
      name={name}
      type={type as 'text'}
      value={info[name] ?? ''}
      error={saveInfo.error?.forField(name)}
      onInput={(e) => setInfo({ ...info, [name]: e.currentTarget.value })}
    />
  );
  const area = (name: string, label: string, hint?: string) => (
    <div class="field">
      <label for={`info-${name}`}>{label}</label>
      {hint && <p class="hint">{hint}</p>}
      <textarea
        id={`info-${name}`}
        rows={3}
        value={info[name] ?? ''}
        onInput={(e) => setInfo({ ...info, [name]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <details class="card" open={event.status === 'draft'}>
      <summary>
        <h2>{t('events.editor.info')}</h2>
      </summary>
      {saveInfo.error && <Alert>{saveInfo.error.message}</Alert>}
      <form onSubmit={saveInfo.run} noValidate class="info-grid">
        {field('title', t('events.field.title'))}
        {field('startDate', t('events.field.startDate'), 'date')}
        {field('endDate', t('events.field.endDate'), 'date')}
        {field('opensAt', t('events.field.opensAt'), 'time')}
        {field('closesAt', t('events.field.closesAt'), 'time')}
        {field('venueName', t('events.field.venueName'))}
        {field('venueAddress', t('events.field.venueAddress'))}
        {field('capacity', t('events.field.capacity'), 'number')}
        {field('registrationClosesOn', t('events.field.registrationClosesOn'), 'date')}
        {area('description', t('events.field.description'))}
        {area('audience', t('events.field.audience'))}
        {area('organisers', t('events.field.organisers'), t('events.field.listHint'))}
        {area('partners', t('events.field.partners'), t('events.field.listHint'))}
        {area('themes', t('events.field.themes'), t('events.field.listHint'))}
        <Button type="submit" busy={saveInfo.busy}>
          {t('common.save')}
        </Button>
      </form>
    </details>
  );
}
