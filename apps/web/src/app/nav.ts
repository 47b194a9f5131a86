import { useI18n } from '../shared/i18n';
import { holds } from '../shared/roles';
import { useSession } from '../shared/session';
import type { NavItem } from './layout';

/** The main navigation: only pages that exist and that the visitor may use. */
export function useNavItems(): NavItem[] {
  const { t } = useI18n();
  const { session } = useSession();
  const items: NavItem[] = [{ href: '/', label: t('nav.home') }];
  items.push({ href: '/territoires', label: t('territories.nav') });
  if (!session?.authenticated) return items;
  if (holds(session.user, 'facilitator')) items.push({ href: '/animation', label: t('live.nav') });
  items.push({ href: '/journees', label: t('events.nav') });
  items.push({ href: '/ecosysteme', label: t('ecosystem.nav') });
  items.push({ href: '/collectifs', label: t('collectives.nav') });
  items.push({ href: '/chemins', label: t('pathways.nav') });
  items.push({ href: '/indicateurs', label: t('evaluation.nav') });
  items.push({ href: '/appels', label: t('calls.nav') });
  const coordinates = holds(session.user, 'coordinator');
  if (coordinates) items.push({ href: '/invitations', label: t('nav.invite') });
  if (holds(session.user, 'admin')) items.push({ href: '/admin/utilisateurs', label: t('nav.users') });
  if (coordinates) items.push({ href: '/journal', label: t('nav.audit') });
  items.push({ href: '/compte', label: t('nav.account') });
  return items;
}
