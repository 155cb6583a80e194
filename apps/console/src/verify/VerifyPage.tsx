import { useQuery } from '@tanstack/react-query';
import { Alert, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { trainingApi, unwrap } from '../api/client';
import type { ApiProblem } from '../api/problem';
import { useFormat } from '../common/format';
import { useT } from '../i18n/LocaleProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import type { CertificateView } from '../training/views';

/** GET /certificates/{id} needs no token; a revoked certificate says when and why it was revoked. */
const nameOf = (organization: CertificateView['issuers'][number]) => `${organization.acronym} — ${organization.name}`;

/** The public page a certificate's holder shares: anyone can check it without signing in. */
export default function VerifyPage() {
  const t = useT();
  const format = useFormat();
  const { id = '' } = useParams();
  const certificate = useQuery({
    queryKey: ['certificate', id],
    retry: false,
    queryFn: () => unwrap(trainingApi.GET('/api/v1/certificates/{id}', { params: { path: { id } } })),
  });
  const view = certificate.data;
  return (
    <main>
      <Center mih="100vh" p="md">
        <Paper withBorder p="xl" w={560} maw="100%">
          <Stack>
            <Title order={1} size="h2">
              {t('verify.title')}
            </Title>
            {certificate.isPending && <Loader role="status" aria-label={t('loading')} />}
            {certificate.error && [400, 404].includes((certificate.error as ApiProblem).status) && (
              <Alert color="red" role="alert" title={t('verify.notFound')}>
                {t('verify.notFoundBody')}
              </Alert>
            )}
            {certificate.error && ![400, 404].includes((certificate.error as ApiProblem).status) && (
              <Alert color="red" role="alert" title={t('error.unexpected')} />
            )}
            {view && (
              <Stack gap="xs" data-testid="certificate">
                {view.revokedAt ? (
                  <Alert color="red" role="alert" title={t('verify.revoked')} data-testid="certificate-revoked">
                    {t('verify.revokedOn', { date: format.date(view.revokedAt), reason: view.revokeReason ?? '' })}
                  </Alert>
                ) : (
                  <Alert color="green" role="status" title={t('verify.valid')} />
                )}
                <Text>
                  <strong>{t('verify.holder')}:</strong> {view.holder.name} ({nameOf(view.holder.organization)})
                </Text>
                <Text>
                  <strong>{t('verify.course')}:</strong> {view.course.title}
                </Text>
                <Text>
                  <strong>{t('verify.session')}:</strong> {format.date(view.session.startsAt)}
                </Text>
                <Text>
                  <strong>{t('verify.issued')}:</strong> {format.date(view.issuedOn)}
                </Text>
                <Text>
                  <strong>{t('verify.issuers')}:</strong> {format.list(view.issuers.map(nameOf))}
                </Text>
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
