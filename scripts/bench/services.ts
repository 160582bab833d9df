import type { NodeServices } from '../../src/node';
import { silentLogger } from '../../src/platform/log';
import { logNotifier } from '../../src/platform/sms/log-notifier';
import { generateTicketKeys } from '../../src/platform/ticket-keys/ticket-keys';

/**
 * What the app sends through during a benchmark: nothing leaves the machine. The benchmarks start no
 * confirmation dispatcher and create their users directly, so no mail or SMS is asked for; any that were
 * would be dropped, as the local SMS notifier drops texts into a log nobody reads.
 */
export async function benchServices(): Promise<NodeServices> {
  return {
    mailer: { send: async () => ({ messageId: 'dropped-by-the-benchmark' }) },
    notifier: logNotifier(silentLogger),
    tickets: await generateTicketKeys(),
  };
}
