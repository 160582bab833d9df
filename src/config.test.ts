import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to local mode with the embedded database persisted under .data', () => {
    const config = loadConfig({});
    expect(config.local).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'embedded', dataDir: '.data' });
    expect(config.demoData).toBe(true);
    expect(config.credentials).toEqual({ accessKeyId: 'local', secretAccessKey: 'local' });
  });

  it('uses an endpoint it is given and starts nothing', () => {
    const config = loadConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', PORT: '8080' });
    expect(config.database).toEqual({ kind: 'external', endpoint: 'http://127.0.0.1:8000' });
    expect(config.port).toBe(8080);
    expect(config.local).toBe(true);
  });

  it('treats AWS_REGION with TABLE_NAME as real AWS: no demo data, SDK credential chain', () => {
    const config = loadConfig({ AWS_REGION: 'ap-south-1', TABLE_NAME: 'movie-magic-prod' });
    expect(config.local).toBe(false);
    expect(config.database).toEqual({ kind: 'external', endpoint: undefined });
    expect(config.tableName).toBe('movie-magic-prod');
    expect(config.demoData).toBe(false);
    expect(config.credentials).toBeUndefined();
  });

  it('refuses bad values, naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DYNAMODB_ENDPOINT: 'not a url' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DB_IN_MEMORY: 'maybe' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DB_IN_MEMORY/);
    }
  });
});
