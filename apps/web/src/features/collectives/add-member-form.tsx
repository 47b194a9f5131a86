import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../../shared/form';
import { errorFor, useAnnounce } from './common';
import { DirectoryPicker, type Picked } from './pickers';
import { customRolesOf, RolesFields, type RolesValue } from './roles-fields';

const noRoles: RolesValue = { roles: [], customRoles: '' };

/** Adds a member: a person of the ecosystem (found by name), or a guest with how to reach them. */
export function AddMemberForm({
  collectiveId,
  territoryId,
  memberPersonIds,
  onAdded,
}: {
  collectiveId: string;
  territoryId: string;
  memberPersonIds: readonly string[];
  onAdded(): void;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [mode, setMode] = useState<'person' | 'guest'>('person');
  const [person, setPerson] = useState<Picked | null>(null);
  const [guest, setGuest] = useState({ name: '', organisationName: '', email: '', phone: '' });
  const [roles, setRoles] = useState<RolesValue>(noRoles);
  const [needPerson, setNeedPerson] = useState(false);
  const { busy, error, run } = useSubmit(async () => {
    const common = { roles: roles.roles, customRoles: customRolesOf(roles.customRoles) };
    if (mode === 'person' && !person) {
      setNeedPerson(true);
      return;
    }
    const added = await request('POST /api/collectives/:id/members', {
      params: { id: collectiveId },
      body: mode === 'person' && person ? { ...common, personId: person.id } : { ...common, ...guest },
    });
    setPerson(null);
    setGuest({ name: '', organisationName: '', email: '', phone: '' });
    setRoles(noRoles);
    announce(t('collectives.member.added', { name: added.name }));
    onAdded();
  });
  const shown = (name: string) => errorFor(error, name);
  const other = error && !['personId', 'name', 'organisationName', 'email', 'phone', 'roles', 'customRoles'].some(shown);
  return (
    <form
      class="card add-member"
      noValidate
      aria-labelledby="ws-add-member"
      onSubmit={(e) => {
        void run(e);
      }}
    >
      <h3 id="ws-add-member">{t('collectives.add.title')}</h3>
      <fieldset>
        <legend>{t('collectives.add.who')}</legend>
        <label class="check">
          <input type="radio" name="add-mode" checked={mode === 'person'} onChange={() => setMode('person')} />
          {t('collectives.add.person')}
        </label>
        <label class="check">
          <input type="radio" name="add-mode" checked={mode === 'guest'} onChange={() => setMode('guest')} />
          {t('collectives.add.guest')}
        </label>
      </fieldset>
      {mode === 'person' ? (
        <>
          <DirectoryPicker
            what="people"
            label={t('collectives.add.search')}
            hint={t('collectives.add.searchHint')}
            name="personId"
            territoryId={territoryId}
            exclude={memberPersonIds}
            onPick={(p) => {
              setPerson(p);
              setNeedPerson(false);
            }}
            error={needPerson ? t('collectives.add.needPerson') : shown('personId')}
          />
          {person && (
            <p class="picked-one">
              {t('collectives.add.chosen', { name: person.name })}
              {person.detail && <span class="hint"> — {person.detail}</span>}
            </p>
          )}
        </>
      ) : (
        <>
          <Field
            label={t('collectives.add.name')}
            name="name"
            autoComplete="off"
            value={guest.name}
            error={shown('name')}
            onInput={(e) => setGuest({ ...guest, name: e.currentTarget.value })}
          />
          <Field
            label={t('collectives.add.organisation')}
            name="organisationName"
            autoComplete="off"
            value={guest.organisationName}
            error={shown('organisationName')}
            onInput={(e) => setGuest({ ...guest, organisationName: e.currentTarget.value })}
          />
          <Field
            label={t('collectives.add.email')}
            name="email"
            type="email"
            autoComplete="off"
            value={guest.email}
            error={shown('email')}
            onInput={(e) => setGuest({ ...guest, email: e.currentTarget.value })}
          />
          <Field
            label={t('collectives.add.phone')}
            name="phone"
            type="tel"
            autoComplete="off"
            value={guest.phone}
            error={shown('phone')}
            onInput={(e) => setGuest({ ...guest, phone: e.currentTarget.value })}
          />
        </>
      )}
      <RolesFields
        legend={t('collectives.add.roles')}
        value={roles}
        onChange={setRoles}
        errors={{ roles: shown('roles'), customRoles: shown('customRoles') }}
      />
      {other && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
      <Button type="submit" busy={busy}>
        {t('collectives.add.submit')}
      </Button>
    </form>
  );
}
