import type { Logger, LogLevel } from '../../src/platform/log';

export type LogLine = { level: LogLevel; message: string; fields: Record<string, unknown> };

/** A logger that keeps every line, so a test can say what was logged and at which level. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
