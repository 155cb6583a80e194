import { useQuery } from '@tanstack/react-query';
import { Alert, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { type ApiProblem, problemFrom } from '../api/problem';
import { useFormat } from '../common/format';
import { useT } from '../i18n/LocaleProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';

/** API.md: GET /certificates/{id} needs no token. The training service's document is not yet generated, so this reads the contract's fields. */
interface CertificateView {
  id: string;
  holderName: string;
  organization?: { acronym?: string; name?: string } | string;
  courseTitle?: string;
  course?: { title?: string };
  sessionStartsAt?: string;
  issuedOn?: string;
  issuedAt?: string;
  issuers?: ({ acronym?: string; name?: string } | string)[];
  revokedAt?: string | null;
  revocationReason?: string | null;
}

const nameOf = (value: { acronym?: string; name?: string } | string | undefined) =>
  typeof value === 'string' ? value : [value?.acronym, value?.name].filter(Boolean).join(' — ');

/** The public page a certificate's holder shares: anyone can check it without signing in. */
export default function VerifyPage() {
  const t = useT();
  const format = useFormat();
  const { id = '' } = useParams();
  const certificate = useQuery({
    queryKey: ['certificate', id],
    retry: false,
    queryFn: async () => {
      const reply = await fetch(`/api/v1/certificates/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' } });
      const body: unknown = await reply.json().catch(() => null);
      if (!reply.ok) throw problemFrom(reply.status, body);
      return body as CertificateView;
    },
  });
  const view = certificate.data;
  const issued = view?.issuedOn ?? view?.issuedAt;
  return (
    <main>
      <Center mih="100vh" p="md">
        <Paper withBorder p="xl" w={560} maw="100%">
          <Stack>
            <Title order={1} size="h2">
              {t('verify.title')}
            </Title>
            {certificate.isPending && <Loader role="status" aria-label={t('loading')} />}
            {certificate.error && (certificate.error as ApiProblem).status === 404 && (
              <Alert color="red" role="alert" title={t('verify.notFound')}>
                {t('verify.notFoundBody')}
              </Alert>
            )}
            {certificate.error && (certificate.error as ApiProblem).status !== 404 && (
              <Alert color="red" role="alert" title={t('error.unexpected')} />
            )}
            {view && (
              <Stack gap="xs" data-testid="certificate">
                {view.revokedAt ? (
                  <Alert color="red" role="status" title={t('verify.revoked')}>
                    {view.revocationReason}
                  </Alert>
                ) : (
                  <Alert color="green" role="status" title={t('verify.valid')} />
                )}
                <Text>
                  <strong>{t('verify.holder')}:</strong> {view.holderName} {view.organization ? `(${nameOf(view.organization)})` : ''}
                </Text>
                <Text>
                  <strong>{t('verify.course')}:</strong> {view.courseTitle ?? view.course?.title}
                </Text>
                {view.sessionStartsAt && (
                  <Text>
                    <strong>{t('verify.session')}:</strong> {format.date(view.sessionStartsAt)}
                  </Text>
                )}
                {issued && (
                  <Text>
                    <strong>{t('verify.issued')}:</strong> {format.date(issued)}
                  </Text>
                )}
                {view.issuers && (
                  <Text>
                    <strong>{t('verify.issuers')}:</strong> {view.issuers.map(nameOf).join(', ')}
                  </Text>
                )}
              </Stack>
            )}
            <Group>
              <LanguageSwitch />
            </Group>
          </Stack>
        </Paper>
      </Center>
    </main>
  );
}
