import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import type { EventView } from './types';

type Status = EventView['status'];

const nextActions: Record<Status, { to: Status; label: string }[]> = {
  draft: [
    { to: 'published', label: 'events.publish' },
    { to: 'archived', label: 'events.archive' },
  ],
  published: [
    { to: 'closed', label: 'events.close' },
    { to: 'draft', label: 'events.unpublish' },
  ],
  closed: [
    { to: 'published', label: 'events.reopen' },
    { to: 'archived', label: 'events.archive' },
  ],
  archived: [{ to: 'closed', label: 'events.unarchive' }],
};

/** The moves a day's status can make from where it is (publish, close, archive…). */
export function StatusActions({ event, onChanged }: { event: EventView; onChanged: () => Promise<void> }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const changeStatus = async (to: Status) => {
    setError(undefined);
    try {
      await request('POST /api/events/:id/status', { params: { id: event.id }, body: { status: to } });
      await onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      {error && <Alert>{error}</Alert>}
      <p class="actions">
        {nextActions[event.status].map((a) => (
          <Button key={a.to} type="button" variant={a.to === 'published' ? 'primary' : 'secondary'} onClick={() => void changeStatus(a.to)}>
            {t(a.label)}
          </Button>
        ))}
      </p>
    </>
  );
}
