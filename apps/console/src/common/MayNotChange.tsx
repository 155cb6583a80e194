import type { ReactNode } from 'react';
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

/** In place of a form the service would refuse: why this officer may not change the record, and the way back to it. */
export function MayNotChange({ heading, reason, title, link }: { heading: ReactNode; reason: ReactNode; title: string; link: string }) {
  return (
    <Stack maw={760}>
      <Title order={1}>{heading}</Title>
      <Text>
        <Anchor component={Link} to={link} dir="auto">
          {title}
        </Anchor>
      </Text>
      <Alert color="gray" variant="light" role="status">
        {reason}
      </Alert>
    </Stack>
  );
}
