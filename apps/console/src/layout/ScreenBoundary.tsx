import { Component, type ReactNode } from 'react';
import { Alert, Button } from '@mantine/core';
import { useT } from '../i18n/LocaleProvider';

function ScreenFailed() {
  const t = useT();
  return (
    <Alert color="red" role="alert" title={t('error.screen')}>
      <Button mt="xs" variant="default" onClick={() => window.location.reload()}>
        {t('error.reload')}
      </Button>
    </Alert>
  );
}

/**
 * A screen that cannot be shown (its code did not load: the network dropped, or the console was
 * upgraded since the page was opened and the old chunk is gone) says so in the officer's language
 * and offers a reload, instead of taking the whole console down to a blank page.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render() {
    return this.state.failed ? <ScreenFailed /> : this.props.children;
  }
}
