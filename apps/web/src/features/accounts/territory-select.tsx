import { useEffect, useId, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { problemMessage } from '../../shared/problem';
import type { TerritoryRefView } from './types';

/**
 * Picks one of the territories the visitor may invite on (administrators: any, found by name).
 * A search box narrows the list; the choice is a plain labelled select (keyboard, screen readers).
 */
export function TerritorySelect(props: {
  label: string;
  value: string;
  onChange: (id: string, territory?: TerritoryRefView) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<TerritoryRefView[]>();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      request('GET /api/invitations/territories', { query: { q: q.trim() } })
        .then((list) => {
          if (!live) return;
          setOptions(list);
          setFailed(undefined);
          if (list.length && !list.some((x) => x.id === props.value)) props.onChange(list[0]!.id, list[0]);
        })
        .catch((e: unknown) => live && setFailed(problemMessage(e, t)));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <fieldset class="territory-select">
      <legend>{props.label}</legend>
      <div class="field">
        <label for={`${id}-q`}>{t('accounts.territory.search')}</label>
        <input id={`${id}-q`} type="search" autoComplete="off" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={`${id}-select`}>{t('accounts.territory.choose')}</label>
        <select
          id={`${id}-select`}
          name="territoryId"
          value={props.value}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={errorId}
          onChange={(e) => {
            const chosen = options?.find((o) => o.id === e.currentTarget.value);
            props.onChange(e.currentTarget.value, chosen);
          }}
        >
          {(options ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} — {t(`accounts.kind.${o.kind}`)}
            </option>
          ))}
        </select>
        <p class="hint" role="status">
          {failed
            ? failed
            : options === undefined
              ? t('common.loading')
              : options.length === 0
                ? t('accounts.territory.none')
                : t('accounts.territory.count', { count: options.length })}
        </p>
        {props.error && (
          <p class="field-error" id={errorId}>
            {props.error}
          </p>
        )}
      </div>
    </fieldset>
  );
}
