import { createElement, Fragment } from 'react';
import { useIntl } from 'react-intl';
import { useFormat } from './format';

/** A record's countries by name in the officer's language, joined as it joins lists; each keeps its ISO code as its title. */
export function Countries({ codes }: { codes: string[] }) {
  const intl = useIntl();
  const format = useFormat();
  const names = codes.map((code) => (
    <span key={code} title={code}>
      {format.country(code)}
    </span>
  ));
  const parts = intl.formatList(names, { type: 'conjunction' });
  return createElement(Fragment, null, ...(Array.isArray(parts) ? parts : [parts]));
}
