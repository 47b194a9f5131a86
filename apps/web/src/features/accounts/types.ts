import type {
  AuditEntryView,
  InvitationCreatedView,
  InvitationPublicView,
  InvitationView,
  Role,
  RoleAssignmentView,
  TerritoryRefView,
  UserSummaryView,
} from '@maillage/core';
import type { Translate } from '../../shared/i18n';
import type { ListsAll } from '../../shared/lists';

export type {
  AuditEntryView,
  InvitationCreatedView,
  InvitationPublicView,
  InvitationView,
  RoleAssignmentView,
  TerritoryRefView,
  UserSummaryView,
};

export const roleList = ['coordinator', 'facilitator', 'member', 'reviewer'] as const satisfies readonly Role[];
export type RoleName = (typeof roleList)[number];
const _allRoles: ListsAll<Role, RoleName> = true;

/** "Coordinateur·rice (Chargée de coopération)". */
export function roleLabel(t: Translate, role: string, title?: string | null): string {
  const label = t(`accounts.role.${role}`);
  return title ? `${label} (${title})` : label;
}
