import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { SessionView } from '@maillage/core';
import { request } from './api';

/** The session as `GET /api/session` answers it (core's view). */
export type SessionState = SessionView;
export type SessionUser = NonNullable<SessionView['user']>;

interface SessionContextValue {
  readonly session: SessionState | undefined;
  readonly error: boolean;
  refresh(): Promise<void>;
  setSession(next: SessionState): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [session, setSession] = useState<SessionState>();
  const [error, setError] = useState(false);
  const refresh = useCallback(async () => {
    try {
      setSession(await request('GET /api/session'));
      setError(false);
    } catch {
      setError(true);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ session, error, refresh, setSession }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
