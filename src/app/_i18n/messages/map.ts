import { defineMessages } from "../translate";

/** The street map: what it says when its tiles cannot be loaded. */
export const map = defineMessages({
  en: {
    "map.tilesFailed": "The street map could not be loaded, so the map shows country outlines only.",
  },
  "zh-CN": {
    "map.tilesFailed": "街道地图无法加载，因此地图仅显示国家轮廓。",
  },
});
