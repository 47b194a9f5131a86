// Building an Intl.DateTimeFormat costs ~0.3 ms: at the opening of registrations (one per
// confirmation e-mail) that was a third of the handler's own time. One formatter serves all.
const fullDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' });

/** « mardi 3 février 2026 »: a calendar day in French, whatever the server's time zone. */
export function frenchDay(day: string): string {
  return fullDay.format(new Date(`${day}T12:00:00Z`));
}
