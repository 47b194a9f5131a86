import { type EventSession, type RegistrationRecord, writeCsv } from '@maillage/core';

const statusLabels = { confirmed: 'Confirmée', waitlisted: 'Liste d’attente', cancelled: 'Annulée' } as const;
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * The registrations as CSV a French spreadsheet opens correctly (UTF-8 BOM, `;`, CRLF): one
 * row per person, their workshops (confirmed and waiting), lunch, accessibility needs, presence.
 */
export function registrationsCsv(
  registrations: readonly RegistrationRecord[],
  sessions: readonly EventSession[],
  territoryNames: ReadonlyMap<string, string>,
): string {
  const title = new Map(sessions.map((s) => [s.id, s.title]));
  const titles = (r: RegistrationRecord, status: string) =>
    r.choices
      .filter((c) => c.status === status)
      .map((c) => title.get(c.sessionId) ?? '')
      .join(' | ');
  return writeCsv(
    [
      'Nom',
      'E-mail',
      'Structure',
      'Type de structure',
      'Territoire',
      'Thématiques',
      'Ateliers',
      'Ateliers (liste d’attente)',
      'Déjeuner',
      'Besoins d’accessibilité',
      'Statut',
      'Sur place',
      'Arrivée',
      'Inscription',
    ],
    registrations.map((r) => [
      r.name,
      r.email,
      r.organisationName,
      r.organisationKind ?? '',
      r.territoryId ? (territoryNames.get(r.territoryId) ?? '') : '',
      r.themes.join(' | '),
      titles(r, 'confirmed'),
      titles(r, r.status === 'waitlisted' ? 'pending' : 'waitlisted'),
      r.lunch ? 'oui' : 'non',
      r.accessibility,
      statusLabels[r.status],
      r.walkIn ? 'oui' : 'non',
      r.checkedInAt ? dateTime.format(r.checkedInAt) : '',
      dateTime.format(r.createdAt),
    ]),
  );
}
