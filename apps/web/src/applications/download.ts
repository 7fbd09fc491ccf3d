/**
 * Downloads a binary answer (case-file PDF, document) through fetch: a plain link would be a
 * browser navigation (Accept: text/html), which the server answers with the SPA on /applications.
 */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { credentials: "same-origin", headers: { accept: "*/*" } });
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
