/** A URL's origin for comparing two: undefined when it has none to compare (opaque, or not a URL). */
export function knownOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
