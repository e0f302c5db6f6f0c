import { defineMessages } from "../translate";

/** The street map: the tiles' default credit, and what it says when they cannot be loaded. */
export const map = defineMessages({
  en: {
    "map.osmCredit": "© OpenStreetMap contributors",
    "map.tilesFailed": "The street map could not be loaded, so the map shows country outlines only.",
  },
  "zh-CN": {
    "map.osmCredit": "© OpenStreetMap 贡献者",
    "map.tilesFailed": "街道地图无法加载，因此地图仅显示国家轮廓。",
  },
});
