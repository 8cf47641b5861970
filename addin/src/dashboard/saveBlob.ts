/** Saves a blob as a file through a hidden link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download, which keeps its own copy: the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
