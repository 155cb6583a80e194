import { Button } from '@mantine/core';
import { useT } from '../i18n/LocaleProvider';

interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** The next page of a list read page by page (an infinite query following nextCursor), while there is one. */
export function ShowMore({ list }: { list: PagedList }) {
  const t = useT();
  if (!list.hasNextPage) return null;
  return (
    <Button variant="default" w="fit-content" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
      {t('more')}
    </Button>
  );
}
