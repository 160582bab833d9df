/** An email as aws-ses-v2-local's `GET /store` reports it. */
export type StoredEmail = {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename?: string; contentType: string; content: string; size: number }[];
  at: number;
};

/** Every email the local SES server at `endpoint` has received, oldest first; only those to `to` when given. */
export async function storedEmails(endpoint: string, to?: string): Promise<StoredEmail[]> {
  const response = await fetch(`${endpoint}/store`);
  if (!response.ok) throw new Error(`the local SES store answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return to === undefined ? emails : emails.filter((email) => email.destination.to.includes(to));
}
