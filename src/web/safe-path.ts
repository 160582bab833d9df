/**
 * Returns `candidate` when it is a same-origin path ("/movies/x?y"), else `fallback`. Rejects
 * scheme-relative ("//evil"), backslash tricks ("/\\evil") and anything with a scheme or control characters.
 */
export function safeLocalPath(candidate: string | undefined | null, fallback = '/'): string {
  if (!candidate || candidate.length > 2000) return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\'))
    return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return fallback;
  try {
    const url = new URL(candidate, 'http://local.invalid');
    if (url.origin !== 'http://local.invalid') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
