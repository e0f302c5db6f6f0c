import { defineMessages } from "../translate";

/** The requester's phone screens (`/`). */
export const requester = defineMessages({
  en: {},
  "zh-CN": {},
});
