/** Saves a file from an extension page: a blob and a link with `download` (no permission needed). */
export function download(name: string, content: string | Uint8Array, type: string): void {
  const blob = new Blob([content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `sse-scope-example.com-2026-11-21-143007`, for file names. */
export function baseName(page: string, now = new Date()): string {
  let host = 'capture';
  try {
    host = new URL(page).host.replace(/[^\w.-]/g, '_') || host;
  } catch {
    // Not a URL: keep the generic name.
  }
  const stamp = now.toISOString().slice(0, 19).replace('T', '-').replace(/:/g, '');
  return `sse-scope-${host}-${stamp}`;
}
