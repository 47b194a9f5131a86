import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api } from './api';

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly locale: 'fr' | 'en';
  readonly roles: { role: string; territoryId: string; title: string | null }[];
}

export interface SessionState {
  readonly authenticated: boolean;
  readonly setupRequired: boolean;
  readonly csrfToken: string;
  readonly user: SessionUser | null;
}

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
      setSession(await api<SessionState>('GET', '/api/session'));
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
