import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useRouter } from '../../shared/router';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../../shared/form';
import { TerritorySelect, useEcoTerritory } from '../ecosystem/common';
import { errorFor, problemText } from './common';
import { DirectoryPicker, type Picked, PickedList } from './pickers';

/** « Créer un collectif » by hand: territory, name, shared urgency, themes, first members from the ecosystem. */
export function CreateCollectiveForm() {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [name, setName] = useState('');
  const [urgency, setUrgency] = useState('');
  const [themes, setThemes] = useState('');
  const [people, setPeople] = useState<Picked[]>([]);
  const { busy, error, run } = useSubmit(async () => {
    const created = await request('POST /api/collectives', {
      body: {
        territoryId,
        name,
        urgency,
        themes: themes
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
        personIds: people.map((p) => p.id),
      },
    });
    navigate(`/collectifs/${created.id}`);
  });
  const known = ['territoryId', 'name', 'urgency', 'themes', 'personIds'];
  const urgencyError = errorFor(error, 'urgency');
  return (
    <form class="card create-collective" noValidate aria-labelledby="create-collective" onSubmit={(e) => void run(e)}>
      <h2 id="create-collective">{t('collectives.create.title')}</h2>
      {options.length > 0 ? (
        <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />
      ) : (
        <p class="hint">{t('collectives.create.noTerritory')}</p>
      )}
      {errorFor(error, 'territoryId') && <p class="field-error">{errorFor(error, 'territoryId')}</p>}
      <Field
        label={t('collectives.create.name')}
        name="name"
        maxLength={160}
        value={name}
        error={errorFor(error, 'name')}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <div class="field">
        <label for="create-urgency">{t('collectives.create.urgency')}</label>
        <p class="hint" id="create-urgency-hint">
          {t('collectives.create.urgencyHint')}
        </p>
        <textarea
          id="create-urgency"
          rows={3}
          maxLength={2000}
          value={urgency}
          aria-invalid={urgencyError ? 'true' : undefined}
          aria-describedby={`create-urgency-hint${urgencyError ? ' create-urgency-error' : ''}`}
          onInput={(e) => setUrgency(e.currentTarget.value)}
        />
        {urgencyError && (
          <p class="field-error" id="create-urgency-error">
            {urgencyError}
          </p>
        )}
      </div>
      <Field
        label={t('collectives.create.themes')}
        hint={t('collectives.create.themesHint')}
        name="themes"
        value={themes}
        error={errorFor(error, 'themes')}
        onInput={(e) => setThemes(e.currentTarget.value)}
      />
      <DirectoryPicker
        what="people"
        label={t('collectives.create.members')}
        hint={t('collectives.create.membersHint')}
        name="personIds"
        territoryId={territoryId || undefined}
        exclude={people.map((p) => p.id)}
        onPick={(p) => setPeople((list) => [...list, p])}
        error={errorFor(error, 'personIds')}
      />
      <PickedList items={people} label={t('collectives.create.chosen')} onRemove={(id) => setPeople((l) => l.filter((p) => p.id !== id))} />
      {error && !known.some((f) => errorFor(error, f)) && (
        <Alert>{problemText(error, t('common.offline'), t('collectives.fixFields'))}</Alert>
      )}
      <Button type="submit" busy={busy}>
        {t('collectives.create.submit')}
      </Button>
    </form>
  );
}
