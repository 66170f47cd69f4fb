/**
 * Event data as JSON, when it is a JSON object or array. A bare number, string or `true` is read
 * as text: streams send those as plain words, and showing `42` as a JSON tree helps nobody. The
 * first character is checked before parsing, so text costs no exception.
 */
export function parseJson(data: string): { value: unknown } | undefined {
  const start = data.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return { value: JSON.parse(data) };
  } catch {
    return undefined;
  }
}
