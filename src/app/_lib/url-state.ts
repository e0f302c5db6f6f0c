/** Mirrors one search parameter into the address bar without a navigation, so a reload resumes the same view. */
export function replaceSearchParam(name: string, value: string | null): void {
  if (typeof window === "undefined") return;
  const url = new URL(window.location.href);
  if (value) url.searchParams.set(name, value);
  else url.searchParams.delete(name);
  window.history.replaceState(window.history.state, "", url);
}
