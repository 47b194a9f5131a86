import type {
  AuditEntryView,
  InvitationCreatedView,
  InvitationPublicView,
  InvitationView,
  RoleAssignmentView,
  TerritoryRefView,
  UserSummaryView,
} from '@maillage/core';
import type { Translate } from '../../shared/i18n';

export type {
  AuditEntryView,
  InvitationCreatedView,
  InvitationPublicView,
  InvitationView,
  RoleAssignmentView,
  TerritoryRefView,
  UserSummaryView,
};

export const roleList = ['coordinator', 'facilitator', 'member', 'reviewer'] as const;
export type RoleName = (typeof roleList)[number];

/** "Coordinateur·rice (Chargée de coopération)". */
export function roleLabel(t: Translate, role: string, title?: string | null): string {
  const label = t(`accounts.role.${role}`);
  return title ? `${label} (${title})` : label;
}
