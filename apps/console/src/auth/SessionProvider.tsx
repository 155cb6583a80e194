import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { organizationsApi, unwrap } from '../api/client';
import { SESSION_EXPIRED, clearSession, expireSession, readSession, saveSession, sessionFromToken, type Session } from '../api/session';
import type { OfficerView, OrganizationView } from '../api/views';
import { clearDrafts } from '../common/useDraft';
import { useLocale } from '../i18n/LocaleProvider';
import { isLanguage } from '../i18n/locales';

interface SessionContextValue {
  session: Session | null;
  officer: OfficerView | undefined;
  /** true once the session ran out or the API refused it (the sign-in page says so) */
  expired: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => void;
  isAdmin: boolean;
  isUnAdmin: boolean;
  organization: OrganizationView | undefined;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readSession);
  const [expired, setExpired] = useState(false);
  const queryClient = useQueryClient();
  const { setLanguage } = useLocale();

  useEffect(() => {
    const onExpired = () => {
      setSession(null);
      setExpired(true);
      queryClient.clear();
    };
    window.addEventListener(SESSION_EXPIRED, onExpired);
    return () => window.removeEventListener(SESSION_EXPIRED, onExpired);
  }, [queryClient]);

  // The token's own end: back to sign-in a moment before the API would refuse it.
  useEffect(() => {
    if (!session) return;
    const timer = window.setTimeout(expireSession, Math.max(0, session.expiresAt - Date.now() - 5_000));
    return () => window.clearTimeout(timer);
  }, [session]);

  const officer = useQuery({
    queryKey: ['officer', session?.officerId],
    enabled: !!session,
    queryFn: () => unwrap<OfficerView>(organizationsApi.GET('/api/v1/officers/{id}', { params: { path: { id: session!.officerId } } })),
  });

  const organization = useQuery({
    queryKey: ['organization', session?.organizationId],
    enabled: !!session,
    queryFn: () =>
      unwrap<OrganizationView>(organizationsApi.GET('/api/v1/organizations/{id}', { params: { path: { id: session!.organizationId } } })),
  });

  const signIn = useCallback(
    async (email: string, password: string) => {
      const reply = await unwrap<{ accessToken: string; expiresIn: number }>(
        organizationsApi.POST('/api/v1/auth/token', { body: { email, password } }),
      );
      const next = sessionFromToken(reply.accessToken, reply.expiresIn);
      saveSession(next);
      // The officer's saved language wins over the browser's once signed in.
      const profile = await unwrap<OfficerView>(organizationsApi.GET('/api/v1/officers/{id}', { params: { path: { id: next.officerId } } }));
      queryClient.setQueryData(['officer', next.officerId], profile);
      if (isLanguage(profile.language)) await setLanguage(profile.language);
      setExpired(false);
      setSession(next);
    },
    [queryClient, setLanguage],
  );

  const signOut = useCallback(() => {
    clearSession();
    clearDrafts();
    queryClient.clear();
    setExpired(false);
    setSession(null);
  }, [queryClient]);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      officer: officer.data,
      expired,
      signIn,
      signOut,
      isAdmin: !!session?.roles.includes('admin'),
      isUnAdmin: !!session?.roles.includes('admin') && organization.data?.acronym === 'UN',
      organization: organization.data,
    }),
    [session, officer.data, organization.data, expired, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
