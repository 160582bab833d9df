import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;
/** A second app whose holds last 6 seconds, for the tests that watch a hold expire. */
export const shortHoldURL = `http://127.0.0.1:${port + 1}`;
const sesPort = Number(process.env.E2E_SES_PORT ?? 3216);
const dynamoPort = Number(process.env.E2E_DYNAMODB_PORT ?? 3217);
/** The DynamoDB Local both test servers use, each with a table of its own that the fixtures write to. */
export const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
export const tableFor: Record<string, string> = { [baseURL]: 'e2e-main', [shortHoldURL]: 'e2e-short-holds' };
/** The local SES server the app sends through; tests read the emails from its `GET /store`. */
export const sesURL = `http://127.0.0.1:${sesPort}`;
/** The Nu HTML checker every page a test visits is sent to; by default on the port after DynamoDB's. */
const nuPort = Number(process.env.E2E_NU_PORT ?? dynamoPort + 1);
export const nuCheckerURL = `http://127.0.0.1:${nuPort}`;

/** Browser tests drive Debian's Chromium against the real server and an in-memory DynamoDB Local. */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
  },
  webServer: [
    {
      // One checker for the whole run: Java and the checker's schemas take seconds to load, a page milliseconds.
      command: `java -Dnu.validator.servlet.bind-address=127.0.0.1 -cp node_modules/vnu-jar/build/dist/vnu.jar nu.validator.servlet.Main ${nuPort}`,
      url: `${nuCheckerURL}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node node_modules/tsx/dist/cli.mjs tests/e2e/dynamodb-local.ts ${dynamoPort}`,
      // DynamoDB Local answers a plain GET with 400: up.
      url: dynamoEndpoint,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // Started here rather than by the app, so the tests know where to read its emails.
      command: `node node_modules/aws-ses-v2-local/dist/cli.js --host 127.0.0.1 --port ${sesPort}`,
      url: `${sesURL}/health-check`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node --enable-source-maps dist/server.js',
      url: `${baseURL}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        DYNAMODB_ENDPOINT: dynamoEndpoint,
        TABLE_NAME: tableFor[baseURL] ?? '',
        // No data folder: ticket keys are made for the run.
        DB_IN_MEMORY: 'true',
        LOG_LEVEL: 'warn',
        SES_ENDPOINT: sesURL,
        // Tickets open at the door a week ahead here, so a test can check one in whatever the hour.
        TICKET_DOOR_OPENS_MINUTES: '10080',
      },
    },
    {
      command: 'node --enable-source-maps dist/server.js',
      url: `${shortHoldURL}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(port + 1),
        HOST: '127.0.0.1',
        DYNAMODB_ENDPOINT: dynamoEndpoint,
        TABLE_NAME: tableFor[shortHoldURL] ?? '',
        DB_IN_MEMORY: 'true',
        LOG_LEVEL: 'warn',
        SES_ENDPOINT: sesURL,
        HOLD_MINUTES: '0.1',
      },
    },
  ],
});
