/** A path a browser reads as this origin's: one leading slash, no backslash, no control characters. */
function isLocal(path: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  return path.startsWith('/') && !path.startsWith('//') && !/[\u0000-\u001f\u007f\\]/.test(path);
}

/**
 * Returns `candidate` when it is a same-origin path ("/movies/x?y"), else `fallback`. It normalises first
 * ("/./", "/../", percent forms) and checks what comes out, because the normalised form is what goes in a
 * `Location` header: "/.//evil.example" normalises to the scheme-relative "//evil.example". The raw
 * candidate is checked too, since URL parsing quietly drops tabs and newlines and turns "\" into "/".
 */
export function safeLocalPath(candidate: string | undefined | null, fallback = '/'): string {
  if (!candidate || candidate.length > 2000 || !isLocal(candidate)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, 'http://local.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://local.invalid') return fallback;
  const normalised = url.pathname + url.search + url.hash;
  return isLocal(normalised) ? normalised : fallback;
}
