import type { Mail } from '../../platform/mail/mailer';

/** The account emails, as plain text and matching HTML. Links are absolute: they are opened from a mail client. */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

function mail(
  to: string,
  subject: string,
  paragraphs: string[],
  link?: { url: string; label: string },
): Mail {
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.url}`] : []), '— Movie Magic'].join('\n\n');
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
    '<p>— Movie Magic</p>',
  ].join('\n');
  return { to, subject, text, html };
}

export function verificationMail(to: string, name: string, url: string): Mail {
  return mail(
    to,
    'Confirm your email for Movie Magic',
    [
      `Hello ${name},`,
      'Please confirm this is your email address. The link works once and expires in 24 hours.',
    ],
    { url, label: 'Confirm my email' },
  );
}

export function alreadyRegisteredMail(to: string, signInUrl: string, resetUrl: string): Mail {
  return mail(to, 'Someone tried to sign up with your email', [
    'Someone, perhaps you, tried to create a Movie Magic account with this email address. You already have one, so nothing was changed.',
    `If it was you, sign in at ${signInUrl}. If you have forgotten your password, you can reset it at ${resetUrl}.`,
    'If it was not you, you can ignore this email.',
  ]);
}

export function resetMail(to: string, name: string, url: string): Mail {
  return mail(
    to,
    'Reset your Movie Magic password',
    [
      `Hello ${name},`,
      'Someone asked to reset the password of your Movie Magic account. The link works once and expires in 30 minutes. Resetting signs you out on every device.',
      'If it was not you, ignore this email: your password stays as it is.',
    ],
    { url, label: 'Choose a new password' },
  );
}
