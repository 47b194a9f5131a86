import type { CollectiveMemberView } from '@maillage/core';
import { MEMBER_ROLE_LABELS } from '@maillage/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button } from '../../shared/ui';
import { useSubmit } from '../../shared/form';
import { errorFor, pick, useAnnounce } from './common';
import { customRolesOf, RolesFields, type RolesValue } from './roles-fields';

/** The link of an invitation as one can paste it elsewhere (the server gives a path). */
function absolute(link: string): string {
  return link.startsWith('/') ? `${window.location.origin}${link}` : link;
}

/**
 * One current member: name, organisation, roles, contacts (only when the view gives them), and
 * for who may edit: change the roles, invite to create an account, remove (confirmed first).
 */
export function MemberRow({
  collectiveId,
  member,
  editable,
  onChange,
}: {
  collectiveId: string;
  member: CollectiveMemberView;
  editable: boolean;
  onChange(): void;
}) {
  const { t, locale, formatDate } = useI18n();
  const announce = useAnnounce();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [link, setLink] = useState<{ link: string; emailed: boolean; expiresAt: string }>();
  const [copied, setCopied] = useState(false);
  const [roles, setRoles] = useState<RolesValue>({ roles: [...member.roles], customRoles: member.customRoles.join(', ') });
  const confirmRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const save = useSubmit(async () => {
    await request('PATCH /api/collectives/:id/members/:memberId', {
      params: { id: collectiveId, memberId: member.id },
      body: { roles: roles.roles, customRoles: customRolesOf(roles.customRoles) },
    });
    setEditing(false);
    announce(t('collectives.member.savedRoles', { name: member.name }));
    onChange();
  });
  const remove = useSubmit(async () => {
    await request('DELETE /api/collectives/:id/members/:memberId', { params: { id: collectiveId, memberId: member.id } });
    announce(t('collectives.member.removed', { name: member.name }));
    onChange();
  });
  const invite = useSubmit(async () => {
    const made = await request('POST /api/collectives/:id/members/:memberId/invitation', {
      params: { id: collectiveId, memberId: member.id },
    });
    setLink(made);
    setCopied(false);
    announce(t('collectives.member.invited', { name: member.name }));
    onChange();
  });
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(absolute(link.link));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const headingId = `member-${member.id}`;
  return (
    <li class="member card">
      <h3 id={headingId} class="member-name">
        {member.personId ? <Link href={`/ecosysteme/personnes/${member.personId}`}>{member.name}</Link> : member.name}
      </h3>
      {member.organisation && <p class="member-org">{member.organisation.name}</p>}
      <p class="member-roles">
        {member.roles.length + member.customRoles.length === 0
          ? t('collectives.member.noRole')
          : [...member.roles.map((r) => pick(locale, MEMBER_ROLE_LABELS[r])), ...member.customRoles].join(' · ')}
      </p>
      {(member.email || member.phone) && (
        <p class="member-contacts">
          {member.email && <a href={`mailto:${member.email}`}>{member.email}</a>}
          {member.email && member.phone && ' · '}
          {member.phone && <a href={`tel:${member.phone.replace(/[^+0-9]/g, '')}`}>{member.phone}</a>}
        </p>
      )}
      <p class="hint">
        {member.hasAccount
          ? t('collectives.member.hasAccount')
          : member.invitedAt
            ? t('collectives.member.invitedAt', { date: formatDate(member.invitedAt) })
            : t('collectives.member.noAccount')}
      </p>
      {editable && !editing && !confirming && (
        <div class="actions">
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setRoles({ roles: [...member.roles], customRoles: member.customRoles.join(', ') });
              setEditing(true);
            }}
          >
            {t('collectives.member.editRoles')}
            <span class="visually-hidden"> — {member.name}</span>
          </Button>
          {!member.hasAccount && (
            <Button type="button" variant="secondary" busy={invite.busy} onClick={() => void invite.run()}>
              {t('collectives.member.invite')}
              <span class="visually-hidden"> — {member.name}</span>
            </Button>
          )}
          <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
            {t('collectives.member.remove')}
            <span class="visually-hidden"> — {member.name}</span>
          </Button>
        </div>
      )}
      {invite.error && <Alert>{invite.error.code === 'offline' ? t('common.offline') : invite.error.message}</Alert>}
      {link && (
        <div class="invite-link">
          <label for={`${headingId}-link`}>{t('collectives.member.inviteLink', { name: member.name })}</label>
          <input id={`${headingId}-link`} type="text" readOnly value={absolute(link.link)} onFocus={(e) => e.currentTarget.select()} />
          <p class="hint">
            {link.emailed ? t('collectives.member.inviteEmailed') : t('collectives.member.inviteNotEmailed')}{' '}
            {t('collectives.member.inviteExpires', { date: formatDate(link.expiresAt) })}
          </p>
          <Button type="button" variant="secondary" onClick={() => void copy()}>
            {t('collectives.member.copy')}
          </Button>
          {copied && <span class="saved"> {t('collectives.member.copied')}</span>}
        </div>
      )}
      {editing && (
        <form
          noValidate
          onSubmit={(e) => {
            void save.run(e);
          }}
        >
          <RolesFields
            legend={t('collectives.member.rolesOf', { name: member.name })}
            value={roles}
            onChange={setRoles}
            errors={{ roles: errorFor(save.error, 'roles'), customRoles: errorFor(save.error, 'customRoles') }}
          />
          {save.error && !errorFor(save.error, 'roles') && !errorFor(save.error, 'customRoles') && (
            <Alert>{save.error.code === 'offline' ? t('common.offline') : save.error.message}</Alert>
          )}
          <div class="actions">
            <Button type="submit" busy={save.busy}>
              {t('collectives.member.saveRoles')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
              {t('collectives.cancel')}
            </Button>
          </div>
        </form>
      )}
      {confirming && (
        <div class="confirm">
          <p id={`${headingId}-confirm`} ref={confirmRef} tabIndex={-1}>
            {t('collectives.member.confirmRemove', { name: member.name })}
          </p>
          {remove.error && <Alert>{remove.error.code === 'offline' ? t('common.offline') : remove.error.message}</Alert>}
          <div class="actions">
            <Button type="button" busy={remove.busy} onClick={() => void remove.run()}>
              {t('collectives.member.confirmRemoveYes')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              {t('collectives.cancel')}
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}
