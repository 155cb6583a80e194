import { lazy, Suspense, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { ApiProblem } from './api/problem';
import { OfficerTimeZone } from './common/timeZone';
import { SessionProvider, useSession } from './auth/SessionProvider';
import SignInPage from './auth/SignInPage';
import { LocaleProvider, useT } from './i18n/LocaleProvider';
import { LiveInboxProvider } from './inbox/LiveInbox';
import { ScreenBoundary } from './layout/ScreenBoundary';
import { Shell } from './layout/Shell';

// Each screen is its own chunk, fetched when first opened: the first load stays small.
const HomePage = lazy(() => import('./home/HomePage'));
const InboxPage = lazy(() => import('./inbox/InboxPage'));
const BriefsPage = lazy(() => import('./briefs/BriefsPage'));
const BriefPage = lazy(() => import('./briefs/BriefPage'));
const PublishBriefPage = lazy(() => import('./briefs/PublishBriefPage'));
const EditBriefPage = lazy(() => import('./briefs/EditBriefPage'));
const DialoguesPage = lazy(() => import('./dialogues/DialoguesPage'));
const DialoguePage = lazy(() => import('./dialogues/DialoguePage'));
const ScheduleDialoguePage = lazy(() => import('./dialogues/ScheduleDialoguePage'));
const DialogueReachPage = lazy(() => import('./dialogues/DialogueReachPage'));
const EditDialoguePage = lazy(() => import('./dialogues/EditDialoguePage'));
const RecommendationsPage = lazy(() => import('./dialogues/RecommendationsPage'));
const RecommendationRedirect = lazy(() => import('./dialogues/RecommendationRedirect'));
const InitiativesPage = lazy(() => import('./dialogues/InitiativesPage'));
const ProgrammesPage = lazy(() => import('./programmes/ProgrammesPage'));
const TrainingPage = lazy(() => import('./training/TrainingPage'));
const SettingsPage = lazy(() => import('./settings/SettingsPage'));
const AdminPage = lazy(() => import('./admin/AdminPage'));
const VerifyPage = lazy(() => import('./verify/VerifyPage'));
const NotFoundPage = lazy(() => import('./layout/NotFoundPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal or a 404 will not change by asking again.
      retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
    },
  },
});

function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return (
    <LiveInboxProvider>
      <OfficerTimeZone>{children}</OfficerTimeZone>
    </LiveInboxProvider>
  );
}

/** While a screen's code loads: a spinner named in the officer's language. */
function Loading() {
  const t = useT();
  return (
    <Center mih="50vh">
      <Loader role="status" aria-label={t('loading')} />
    </Center>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <BrowserRouter>
          <SessionProvider>
            <ScreenBoundary>
              <Suspense fallback={<Loading />}>
                <Routes>
                  <Route path="/sign-in" element={<SignInPage />} />
                  <Route path="/verify/:id" element={<VerifyPage />} />
                  <Route
                    element={
                      <RequireSession>
                        <Shell />
                      </RequireSession>
                    }
                  >
                    <Route index element={<HomePage />} />
                    <Route path="inbox" element={<InboxPage />} />
                    <Route path="briefs" element={<BriefsPage />} />
                    <Route path="briefs/new" element={<PublishBriefPage />} />
                    <Route path="briefs/:id" element={<BriefPage />} />
                    <Route path="briefs/:id/edit" element={<EditBriefPage />} />
                    <Route path="dialogues" element={<DialoguesPage />} />
                    <Route path="dialogues/new" element={<ScheduleDialoguePage />} />
                    <Route path="dialogues/:id" element={<DialoguePage />} />
                    <Route path="dialogues/:id/edit" element={<EditDialoguePage />} />
                    <Route path="dialogues/:id/reach" element={<DialogueReachPage />} />
                    <Route path="recommendations" element={<RecommendationsPage />} />
                    <Route path="recommendations/:id" element={<RecommendationRedirect />} />
                    <Route path="initiatives" element={<InitiativesPage />} />
                    <Route path="programmes" element={<ProgrammesPage />} />
                    <Route path="training" element={<TrainingPage />} />
                    <Route path="settings" element={<SettingsPage />} />
                    <Route path="admin" element={<AdminPage />} />
                    {/* Inbox links name records that live on a list page. */}
                    <Route path="initiatives/:id" element={<Navigate to="/initiatives" replace />} />
                    <Route path="programmes/:id" element={<Navigate to="/programmes" replace />} />
                    <Route path="milestones/:id" element={<Navigate to="/programmes" replace />} />
                    <Route path="courses/:id" element={<Navigate to="/training" replace />} />
                    <Route path="sessions/:id" element={<Navigate to="/training" replace />} />
                    <Route path="enrolments/:id" element={<Navigate to="/training" replace />} />
                    <Route path="organizations/:id" element={<Navigate to="/admin" replace />} />
                    <Route path="desks/:id" element={<Navigate to="/admin" replace />} />
                    <Route path="officers/:id" element={<Navigate to="/admin" replace />} />
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Routes>
              </Suspense>
            </ScreenBoundary>
          </SessionProvider>
        </BrowserRouter>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
