import L from "leaflet";

/*
 * Our own marker images from public/map/: Leaflet's default icon asks for a
 * PNG under a path the bundlers rewrite differently (and it 404s), so no
 * layer here ever uses L.Icon.Default.
 */
const pin: Pick<L.IconOptions, "iconSize" | "iconAnchor" | "popupAnchor"> = { iconSize: [28, 40], iconAnchor: [14, 39], popupAnchor: [0, -36] };

/** An open request waiting to be picked. */
export const requestIcon = L.icon({ iconUrl: "/map/request.svg", className: "map-icon map-icon-request", ...pin });

/** The processor's desk. */
export const deskIcon = L.icon({
  iconUrl: "/map/desk.svg",
  iconSize: [30, 30],
  iconAnchor: [15, 15],
  popupAnchor: [0, -14],
  className: "map-icon map-icon-desk",
});

/** A position being picked (PositionPickerMap). */
export const positionIcon = L.icon({ iconUrl: "/map/position.svg", className: "map-icon map-icon-position", ...pin });
