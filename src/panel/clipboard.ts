/**
 * Copies text. DevTools panels are iframes where the async Clipboard API may be refused, so a
 * failed `writeText` falls back to the selection-and-`copy` way DevTools' own panels allow.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}
