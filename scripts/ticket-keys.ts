/**
 * `npm run ticket-keys`: a new Ed25519 key pair for signing ticket codes, printed as the settings the app
 * reads. To rotate: make the new TICKET_SIGNING_KEY the signer, and add the old public key to
 * TICKET_VERIFY_KEYS until every ticket it signed has been used.
 */
import { exportTicketKeys, generateTicketKeys } from '../src/platform/ticket-keys/ticket-keys';

const { signingKey, verifyKeys } = await exportTicketKeys(await generateTicketKeys());
console.log(`TICKET_SIGNING_KEY=${signingKey}`);
console.log(`# its public key, for the TICKET_VERIFY_KEYS of a later rotation: ${verifyKeys}`);
