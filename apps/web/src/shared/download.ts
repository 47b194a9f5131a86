/**
 * Offers a file to save under a name: an anchor with `download`, clicked once, its object URL
 * revoked a minute later (some browsers read it after `click()` returns). Browser only.
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
