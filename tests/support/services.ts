import { generateTicketKeys } from '../../src/features/tickets/code';
import type { NodeServices } from '../../src/node';
import { recordingMailer } from './mail';
import { recordingNotifier } from './sms';

/** What the Node app sends through, for tools and tests that run it without SES or SNS: recorded, not sent. */
export async function recordingServices(): Promise<NodeServices> {
  return { mailer: recordingMailer(), notifier: recordingNotifier(), tickets: await generateTicketKeys() };
}
