import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './safe-path';

describe('safeLocalPath', () => {
  it('keeps same-origin paths with their query', () => {
    expect(safeLocalPath('/movies/x?city=mumbai')).toBe('/movies/x?city=mumbai');
    expect(safeLocalPath('/')).toBe('/');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    'javascript:alert(1)',
    '/movies\u0000',
    'movies',
    '',
    undefined,
  ])('falls back for %j', (candidate) => {
    expect(safeLocalPath(candidate, '/home')).toBe('/home');
  });
});
