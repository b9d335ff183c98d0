/** Saves text as a file from an extension page (which has a DOM, unlike the service worker). */
export function downloadText(fileName: string, text: string | string[], type: string): void {
  const blob = new Blob(Array.isArray(text) ? text : [text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function stamp(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}
