import { Radio, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Classification } from '../api/views';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';
import { CLASSIFICATIONS } from './tlp';
import { TlpLabel } from './TlpLabel';

/** TLP 2.0: each level with its label in its colours and what it allows, one radio each. */
export function ClassificationPicker({ value, onChange, error }: { value: Classification; onChange: (value: Classification) => void; error?: ReactNode }) {
  const t = useT();
  return (
    <Radio.Group label={t('classification.label')} value={value} onChange={(next) => onChange(next as Classification)} error={error} required>
      <Stack gap="xs" mt="xs">
        {CLASSIFICATIONS.map((level) => (
          <Radio
            key={level}
            value={level}
            data-testid={`classification-${level}`}
            label={
              <span>
                <TlpLabel classification={level} />{' '}
                <Text span size="sm">
                  {t(`classification.${level}.help` as MessageId)}
                </Text>
              </span>
            }
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
