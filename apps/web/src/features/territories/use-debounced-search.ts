import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import type { TerritorySummaryView } from './types';

export interface SearchState {
  readonly items: TerritorySummaryView[];
  readonly loading: boolean;
  readonly failed: boolean;
  /** The query the items answer (so a late answer never shows under a newer query). */
  readonly query: string;
}

/** Searches territories as the person types: waits for a pause, keeps only the latest answer. */
export function useTerritorySearch(q: string, kinds: string, limit: number, delayMs = 180): SearchState {
  const [state, setState] = useState<SearchState>({ items: [], loading: false, failed: false, query: '' });
  const latest = useRef(0);
  useEffect(() => {
    const query = q.trim();
    const ticket = ++latest.current;
    if (!query) {
      setState({ items: [], loading: false, failed: false, query: '' });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      request('GET /api/territories', { query: { q: query, limit, kind: kinds || undefined } })
        .then((res) => {
          if (ticket === latest.current) setState({ items: res.items, loading: false, failed: false, query });
        })
        .catch(() => {
          if (ticket === latest.current) setState({ items: [], loading: false, failed: true, query });
        });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [q, kinds, limit, delayMs]);
  return state;
}
