import type { CollectiveView } from '@maillage/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { Button, Field } from '../../shared/ui';

/** What brought a collective together: its members' urgencies (phones and projector). */
export function CollectiveUrgencies({ collective }: { collective: CollectiveView | undefined }) {
  const { t } = useI18n();
  const urgencies = (collective?.members ?? []).flatMap((m) => (m.urgency ? [m.urgency] : []));
  if (urgencies.length === 0) return null;
  return (
    <div class="live-collective-urgency">
      <p class="hint">{t('live.collectives.theirUrgency')}</p>
      <ul>
        {urgencies.map((u, i) => (
          <li key={i}>« {u} »</li>
        ))}
      </ul>
    </div>
  );
}

/** Renaming a proposed collective: its members from their phones, the facilitator from the console. */
export function RenameCollective({
  name,
  disabled,
  onRename,
  label,
}: {
  name: string;
  disabled: boolean;
  onRename: (name: string) => unknown;
  label?: string;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string>();
  return (
    <details class="live-rename">
      <summary>{label ?? t('live.collectives.rename')}</summary>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) {
            setError(t('live.collectives.renameEmpty'));
            (e.currentTarget.querySelector('input') as HTMLInputElement | null)?.focus();
            return;
          }
          setError(undefined);
          onRename(value.trim());
        }}
      >
        <Field
          label={t('live.collectives.newName')}
          name="collective-name"
          maxLength={60}
          value={value}
          error={error}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <Button type="submit" variant="secondary" disabled={disabled}>
          {t('live.collectives.renameConsole')}
        </Button>
      </form>
    </details>
  );
}
