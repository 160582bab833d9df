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
    // Normalised, each of these would be scheme-relative ("//evil.example/…") or otherwise leave the site.
    '/.//evil.example/path',
    '/..//evil.example/path',
    '/./..//evil.example',
    '/a/..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n//evil.example',
    '\t//evil.example',
    '/\u000b//evil.example',
    'movies',
    '',
    undefined,
  ])('falls back for %j', (candidate) => {
    expect(safeLocalPath(candidate, '/home')).toBe('/home');
  });

  it.each([
    // Encoded slashes stay encoded: the browser reads them as one path segment on this site.
    ['/%2F%2Fevil.example/path', '/%2F%2Fevil.example/path'],
    ['/%5C%5Cevil.example', '/%5C%5Cevil.example'],
    ['/movies/./x/../y?d=1#top', '/movies/y?d=1#top'],
    ['/../movies', '/movies'],
  ])('normalises %j to the local path %j', (candidate, expected) => {
    expect(safeLocalPath(candidate, '/home')).toBe(expected);
  });
});
