import { contentMayLeave } from '@liaison/auth';
import type { Language } from '@liaison/contracts';
import { DIGEST, RESTRICTED } from '../messages/templates';
import { digestSubject, RIGHT_TO_LEFT } from '../messages/render';

export interface MailItem {
  title: string;
  summary: string;
  link: string;
  classification: string;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(language: Language, body: string): string {
  const dir = RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${language}" dir="${dir}"><head><meta charset="utf-8"></head>` +
    `<body dir="${dir}" style="direction:${dir};text-align:${dir === 'rtl' ? 'right' : 'left'}">${body}</body></html>`;
}

/**
 * One item. Where the rule lets no content leave (contentMayLeave: amber-strict, red), no title,
 * no summary: only a link to read it after signing in, where the rule applies again.
 */
export function itemMail(language: Language, item: MailItem, webOrigin: string): MailContent {
  const url = new URL(item.link, webOrigin).toString();
  if (!contentMayLeave(item.classification)) {
    const words = RESTRICTED[language];
    return {
      subject: words.subject,
      text: `${words.body}\n${url}\n`,
      html: page(language, `<p>${escape(words.body)}</p><p><a href="${escape(url)}">${escape(url)}</a></p>`),
    };
  }
  return {
    subject: item.title,
    text: `${item.title}\n\n${item.summary}\n\n${url}\n`,
    html: page(language, `<h1>${escape(item.title)}</h1><p>${escape(item.summary)}</p><p><a href="${escape(url)}">${escape(url)}</a></p>`),
  };
}

export function digestMail(language: Language, items: MailItem[], webOrigin: string): MailContent {
  const words = DIGEST[language];
  const lines = items.map((item) => {
    const url = new URL(item.link, webOrigin).toString();
    return !contentMayLeave(item.classification)
      ? { text: `- ${words.restricted}: ${url}`, html: `<li>${escape(words.restricted)}: <a href="${escape(url)}">${escape(url)}</a></li>` }
      : {
          text: `- ${item.title}: ${item.summary} ${url}`,
          html: `<li><a href="${escape(url)}">${escape(item.title)}</a><br>${escape(item.summary)}</li>`,
        };
  });
  return {
    subject: digestSubject(language, items.length),
    text: `${words.intro}\n\n${lines.map((l) => l.text).join('\n')}\n`,
    html: page(language, `<p>${escape(words.intro)}</p><ul>${lines.map((l) => l.html).join('')}</ul>`),
  };
}
