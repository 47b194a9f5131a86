/** « mardi 3 février 2026 »: a calendar day in French, whatever the server's time zone. */
export function frenchDay(day: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}
