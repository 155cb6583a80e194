import { EXAMPLE_DATA, LANGUAGES, type EventType } from '@liaison/contracts';
import { factsOf, ITEM_TYPES } from '../events/event-facts';
import { digestMail, itemMail } from '../email/email-content';
import { digestSubject, render, renderAll, renderInZone, showsTimes } from './render';

const example = (type: string) => {
  const data = (EXAMPLE_DATA as Record<string, any>)[type];
  return { id: 'x', type, subject: 's', data, classification: data.classification ?? 'green', originorg: data.originOrganizationId ?? data.organizationId } as any;
};

describe('messages in the six UN languages', () => {
  it.each(ITEM_TYPES)('%s renders a title and summary in every language', (type) => {
    const facts = factsOf(example(type as EventType));
    for (const language of LANGUAGES) {
      const rendered = render(type, language, { origin: 'AU', ...facts.params });
      expect(rendered.title.length).toBeGreaterThan(0);
      expect(rendered.title).not.toMatch(/[{}]/);
      expect(rendered.summary).not.toMatch(/[{}]/);
    }
  });

  const withTimes = ITEM_TYPES.filter(showsTimes);

  it('knows which messages show a time: a dialogue’s and a session’s start, not a brief', () => {
    expect(withTimes).toEqual(expect.arrayContaining(['liaison.dialogue.scheduled.v1', 'liaison.dialogue.rescheduled.v1', 'liaison.session.scheduled.v1']));
    expect(showsTimes('liaison.brief.published.v1')).toBe(false);
  });

  it.each(withTimes)('%s: an e-mail shows its times with their hour in the reader’s zone, named, or in UTC for none', (type) => {
    const params = { origin: 'AU', ...factsOf(example(type as EventType)).params };
    for (const language of LANGUAGES) {
      const inAddis = renderInZone(type, language, params, 'Africa/Addis_Ababa');
      const inUtc = renderInZone(type, language, params, null);
      expect(`${inAddis.title} ${inAddis.summary}`).toContain('(Africa/Addis_Ababa)');
      expect(`${inUtc.title} ${inUtc.summary}`).toContain('(UTC)');
      expect(`${inUtc.title} ${inUtc.summary}`).not.toMatch(/[{}]/);
    }
  });

  it('a zone this runtime does not know (saved where the time-zone data is newer) shows UTC, labelled, instead of failing', () => {
    const type = 'liaison.dialogue.scheduled.v1';
    const params = { origin: 'AU', ...factsOf(example(type)).params };
    const rendered = renderInZone(type, 'en', params, 'Mars/Olympus_Mons');
    expect(rendered).toEqual(renderInZone(type, 'en', params, null));
    expect(rendered.summary).toContain('(UTC)');
  });

  it('squeezes runs of white space, line breaks and tabs to one space, and clips long texts', () => {
    const brief = example('liaison.brief.published.v1');
    const facts = factsOf({ ...brief, data: { ...brief.data, title: '  Sahel\n\n\tupdate   today ', summary: `${'word  '.repeat(400)}end` } });
    const rendered = render('liaison.brief.published.v1', 'en', { origin: 'AU', ...facts.params });
    expect(rendered.title).toContain('Sahel update today');
    expect(rendered.title).not.toMatch(/\s\s|[\n\t]/);
    expect(rendered.summary.length).toBeLessThanOrEqual(1000);
    expect(rendered.summary.endsWith('…')).toBe(true);
    expect(rendered.summary).not.toMatch(/\s\s/);
  });

  it('renders all languages as each one alone', () => {
    const facts = factsOf(example('liaison.brief.published.v1'));
    const all = renderAll('liaison.brief.published.v1', { origin: 'AU', ...facts.params });
    for (const language of LANGUAGES) expect(all[language]).toEqual(render('liaison.brief.published.v1', language, { origin: 'AU', ...facts.params }));
  });

  it('uses each language\'s plural forms (Arabic six, Russian three)', () => {
    const subjects = (language: 'ar' | 'ru') => [0, 1, 2, 3, 11, 100].map((n) => digestSubject(language, n));
    expect(new Set(subjects('ar')).size).toBe(6);
    expect(subjects('ru').slice(1)).toEqual([
      'Liaison: 1 обновление за день',
      'Liaison: 2 обновления за день',
      'Liaison: 3 обновления за день',
      'Liaison: 11 обновлений за день',
      'Liaison: 100 обновлений за день',
    ]);
    expect(digestSubject('en', 1)).toBe('Liaison: 1 update today');
    expect(digestSubject('zh', 5)).toBe('Liaison：今日 5 条更新');
  });

  it('writes Arabic e-mails right to left, others left to right', () => {
    const item = { title: 't', summary: 's', link: '/briefs/1', classification: 'green' };
    expect(itemMail('ar', item, 'https://x.org').html).toContain('<html lang="ar" dir="rtl">');
    expect(itemMail('fr', item, 'https://x.org').html).toContain('<html lang="fr" dir="ltr">');
    expect(digestMail('ar', [item], 'https://x.org').html).toContain('dir="rtl"');
  });

  it('puts no content of amber-strict or red items in e-mails, only a link', () => {
    for (const classification of ['amber-strict', 'red']) {
      const item = { title: 'Secret title', summary: 'Secret summary', link: '/briefs/1', classification };
      const mail = itemMail('en', item, 'https://x.org');
      const digest = digestMail('en', [item], 'https://x.org');
      for (const text of [mail.subject, mail.text, mail.html, digest.subject, digest.text, digest.html]) expect(text).not.toContain('Secret');
      expect(mail.text).toContain('https://x.org/briefs/1');
    }
  });
});
