const parisDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The day (YYYY-MM-DD) it is in France at an instant: a day is over from midnight in Paris. The
 * one clock rule of maillage's dates (registrations, calls' steps, collectives' next steps).
 */
export function parisDay(at: Date): string {
  return parisDayFormat.format(at);
}
