import type { CollectiveDetailView } from '@maillage/core';
import { useI18n } from '../../shared/i18n';
import { AddMemberForm } from './add-member-form';
import { CooperationOverview } from './continuum';
import { MemberRow } from './member-row';

/** Members and their roles (répartition des rôles), former members apart, and the cooperation aimed for. */
export function MembersPanel({ collective, onChange }: { collective: CollectiveDetailView; onChange(): void }) {
  const { t, formatDate } = useI18n();
  const current = collective.members.filter((m) => m.leftAt === null);
  const former = collective.members.filter((m) => m.leftAt !== null);
  return (
    <div class="members-panel">
      <section aria-labelledby="ws-members">
        <h2 id="ws-members">{t('collectives.membersTitle')}</h2>
        {!collective.may.seeContacts && <p class="hint">{t('collectives.member.contactsHidden')}</p>}
        {current.length === 0 ? (
          <p>{t('collectives.member.none')}</p>
        ) : (
          <ul class="members">
            {current.map((m) => (
              <MemberRow key={m.id} collectiveId={collective.id} member={m} editable={collective.may.edit} onChange={onChange} />
            ))}
          </ul>
        )}
        {collective.may.edit && (
          <AddMemberForm
            collectiveId={collective.id}
            territoryId={collective.territoryId}
            memberPersonIds={current.flatMap((m) => (m.personId ? [m.personId] : []))}
            onAdded={onChange}
          />
        )}
        {former.length > 0 && (
          <>
            <h3>{t('collectives.member.former')}</h3>
            <ul class="former">
              {former.map((m) => (
                <li key={m.id}>
                  {m.name}
                  {m.organisation && ` (${m.organisation.name})`} —{' '}
                  {t('collectives.member.formerDates', { from: formatDate(m.joinedAt), to: formatDate(m.leftAt ?? m.joinedAt) })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <CooperationOverview collective={collective} />
    </div>
  );
}
