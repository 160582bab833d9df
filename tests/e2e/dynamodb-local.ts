/**
 * The browser tests' database: Amazon's DynamoDB Local in memory, on the port given, until Playwright
 * stops it. Both test servers keep their own table in it, and the tests' fixtures write the users and
 * showtimes they need straight into those tables.
 */
import { startLocalDynamo } from '../../src/platform/db/node/dynamodb-local';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) throw new Error('usage: tsx tests/e2e/dynamodb-local.ts <port>');
const dynamo = await startLocalDynamo({ dataDir: null, port });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void dynamo.stop().finally(() => process.exit(0)));
}
console.log(`DynamoDB Local for the browser tests at ${dynamo.endpoint}`);
