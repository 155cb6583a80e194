import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { dialoguesApi, unwrap } from '../api/client';
import type { BriefView } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { ProblemAlert } from '../common/ProblemAlert';
import { Reach } from '../common/Reach';
import { TlpLabel } from '../common/TlpLabel';
import { useFormat } from '../common/format';
import { useOrganizationNames } from '../common/registry';
import { ofOriginOrganization } from '../common/origin';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

export default function BriefPage() {
  const t = useT();
  const format = useFormat();
  const nameOf = useOrganizationNames();
  const { id = '' } = useParams();
  const { session } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const brief = useQuery({
    queryKey: ['brief', id],
    queryFn: () => unwrap<BriefView>(dialoguesApi.GET('/api/v1/briefs/{id}', { params: { path: { id } } })),
  });
  const withdraw = useMutation({
    mutationFn: () => unwrap<BriefView>(dialoguesApi.POST('/api/v1/briefs/{id}/withdraw', { params: { path: { id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['briefs'] });
      queryClient.removeQueries({ queryKey: ['brief', id] });
      navigate('/briefs', { state: { withdrawn: true } });
    },
  });

  if (brief.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (brief.error) return <ProblemAlert error={brief.error} />;
  const view = brief.data;
  const mine = ofOriginOrganization(view, session);
  // the service lets its author, or an admin of its organization, withdraw it (not-author)
  const mayWithdraw = mine && (view.authorId === session?.officerId || !!session?.roles.includes('admin'));
  return (
    <Stack component="article" maw={860}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={1} lang={view.language} dir="auto">
          {view.title}
        </Title>
        <TlpLabel classification={view.classification} />
      </Group>
      <Text size="sm" c="gray.8">
        {t('briefs.byline', { organization: nameOf(view.originOrganizationId), date: format.dateTime(view.publishedAt) })}
      </Text>
      <Group gap="xs">
        {view.countries.map((country) => (
          <Badge key={country} variant="outline" color="gray.8" title={country}>
            {format.country(country)}
          </Badge>
        ))}
        {view.themes.map((theme) => (
          <Badge key={theme} variant="light" color="unblue.9">
            {t(`theme.${theme}` as MessageId)}
          </Badge>
        ))}
      </Group>
      <Reach record={view} />
      <Text className="brief-body" lang={view.language} dir="auto">
        {view.body}
      </Text>
      {mine && (
        <Group>
          <Button variant="default" component={Link} to={`/briefs/${view.id}/edit`}>
            {t('briefs.edit')}
          </Button>
          {mayWithdraw && (
            <Button color="red.9" variant="outline" onClick={() => window.confirm(t('briefs.withdrawConfirm')) && withdraw.mutate()} loading={withdraw.isPending}>
              {t('briefs.withdraw')}
            </Button>
          )}
        </Group>
      )}
      {withdraw.error && <ProblemAlert error={withdraw.error} />}
      {view.language !== document.documentElement.lang && (
        <Alert color="gray" variant="light">
          {t('briefs.writtenIn', { language: t(`languageName.${view.language}` as MessageId) })}
        </Alert>
      )}
    </Stack>
  );
}
