import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useLocation, useNavigate } from 'react-router';
import { ApiProblem, Unreachable } from '../api/problem';
import { fieldError, problemDetail } from '../common/ProblemAlert';
import { useT } from '../i18n/LocaleProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { useSession } from './SessionProvider';

export default function SignInPage() {
  const t = useT();
  const intl = useIntl();
  const { signIn, expired } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      navigate(from, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const refused = error instanceof ApiProblem && error.status === 401;
  const tooMany = error instanceof ApiProblem && error.status === 429;
  return (
    <main>
      <Center mih="100vh" p="md">
        <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
          <form onSubmit={submit} noValidate>
            <Stack>
              <Title order={1} size="h2">
                {t('app.name')}
              </Title>
              <Text>{t('signIn.intro')}</Text>
              {expired && (
                <Alert color="yellow" role="status">
                  {t('signIn.expired')}
                </Alert>
              )}
              {refused && (
                <Alert color="red" role="alert">
                  {t('signIn.refused')}
                </Alert>
              )}
              {tooMany && (
                <Alert color="red" role="alert">
                  {t('error.tooMany')}
                </Alert>
              )}
              {!!error && !refused && !tooMany && !(error instanceof ApiProblem && error.errors.length) && (
                <Alert color="red" role="alert">
                  {error instanceof ApiProblem ? (problemDetail(intl, error) ?? error.title) : error instanceof Unreachable ? t('error.network') : t('error.unexpected')}
                </Alert>
              )}
              <TextInput
                label={t('signIn.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={fieldError(error, 'email')}
              />
              <PasswordInput
                label={t('signIn.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={fieldError(error, 'password')}
              />
              <Button type="submit" loading={busy}>
                {t('signIn.submit')}
              </Button>
              <LanguageSwitch />
            </Stack>
          </form>
        </Paper>
      </Center>
    </main>
  );
}
