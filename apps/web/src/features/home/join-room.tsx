import { normaliseJoinCode } from '@maillage/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { useRouter } from '../../shared/router';
import { Button, Field } from '../../shared/ui';

/**
 * "Rejoindre une salle": the code read out or shown on the projector leads to the room's join
 * page (`/j/CODE`), spaces, dashes and small letters forgiven.
 */
export function JoinRoomForm({ headingLevel = 2 }: { headingLevel?: 1 | 2 }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const submit = (e: Event) => {
    e.preventDefault();
    const normalised = normaliseJoinCode(code.trim());
    if (!normalised) {
      setError(t('home.join.empty'));
      (document.querySelector('input[name="code"]') as HTMLInputElement | null)?.focus();
      return;
    }
    navigate(`/j/${encodeURIComponent(normalised)}`);
  };
  return (
    <form class="join-room" onSubmit={submit} noValidate aria-labelledby={headingLevel === 2 ? 'join-room-title' : undefined}>
      {headingLevel === 2 && <h2 id="join-room-title">{t('home.join.title')}</h2>}
      <div class="join-room-row">
        <Field
          label={t('home.join.label')}
          hint={t('home.join.hint')}
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          maxLength={20}
          value={code}
          error={error}
          onInput={(e) => {
            setCode(e.currentTarget.value);
            setError(undefined);
          }}
        />
        <Button type="submit">{t('home.join.submit')}</Button>
      </div>
    </form>
  );
}
