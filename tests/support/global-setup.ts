import type { TestProject } from 'vitest/node';
import { startLocalDynamo } from '../../src/platform/db/node/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One in-memory DynamoDB Local for the whole integration run; each test file makes its own table. */
export default async function setup(project: TestProject) {
  const dynamo = await startLocalDynamo({ dataDir: null });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
