import type { ActivityResults, ActivityView } from '@maillage/core';
import { useI18n } from '../../shared/i18n';

/** The results of an activity, large: the word cloud, the poll bars, the groups formed. */
export function Results({ activity, results }: { activity: ActivityView; results: ActivityResults | undefined }) {
  const { t, formatNumber } = useI18n();
  if (!results) return <p class="live-empty">{t('live.projector.noAnswer')}</p>;
  if (results.kind === 'cloud') {
    if (results.words.length === 0) return <p class="live-empty">{t('live.projector.noAnswer')}</p>;
    const max = Math.max(...results.words.map((w) => w.count));
    return (
      <ul class="live-cloud" aria-label={activity.prompt}>
        {results.words.map((w) => (
          <li key={w.key} style={{ fontSize: `${1 + (3 * w.count) / max}rem` }}>
            {w.label} <span class="live-count">({formatNumber(w.count)})</span>
          </li>
        ))}
      </ul>
    );
  }
  if (results.kind === 'tally') {
    const max = Math.max(1, ...results.counts);
    return (
      <table class="live-tally">
        <caption class="visually-hidden">{activity.prompt}</caption>
        <tbody>
          {(activity.options ?? []).map((option, i) => (
            <tr key={option}>
              <th scope="row">{activity.pollKind === 'continuum' ? `${i + 1}. ${option}` : option}</th>
              <td>
                <span class="live-bar" style={{ width: `${(100 * (results.counts[i] ?? 0)) / max}%` }} />
                <span>{t('live.projector.votes', { count: results.counts[i] ?? 0 })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return <p class="live-empty">{t('live.projector.groups', { groups: results.groups, seated: results.seated })}</p>;
}
