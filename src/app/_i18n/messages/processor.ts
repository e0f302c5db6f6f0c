import { defineMessages } from "../translate";

/** The processor's desk (`/processor`). */
export const processor = defineMessages({
  en: {},
  "zh-CN": {},
});
