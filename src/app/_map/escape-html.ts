/**
 * Escapes a string for use as HTML text or a quoted attribute value. Leaflet
 * takes HTML in popups, tooltips and divIcons: every string that reaches one
 * of them goes through this first (better still, build DOM nodes with textContent).
 */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? "").replace(/[&<>"'`]/g, (c) => entities[c]!);
}

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};
