import type { Locale } from "../locales";
import type { Message } from "../translate";
import { auth } from "./auth";
import { common } from "./common";
import { deskCode } from "./desk-code";
import { languages } from "./languages";
import { map } from "./map";
import { onboarding } from "./onboarding";
import { pairing } from "./pairing";
import { processor } from "./processor";
import { requester } from "./requester";
import { tag } from "./tag";
import { timing } from "./timing";

// One catalog per area, so the requester's and the processor's screens can grow their own.
const english = {
  ...common.en,
  ...auth.en,
  ...requester.en,
  ...processor.en,
  ...pairing.en,
  ...tag.en,
  ...deskCode.en,
  ...languages.en,
  ...onboarding.en,
  ...timing.en,
  ...map.en,
};

export type MessageKey = keyof typeof english;

export const catalogs: Record<Locale, Record<MessageKey, Message>> = {
  en: english,
  "zh-CN": {
    ...common["zh-CN"],
    ...auth["zh-CN"],
    ...requester["zh-CN"],
    ...processor["zh-CN"],
    ...pairing["zh-CN"],
    ...tag["zh-CN"],
    ...deskCode["zh-CN"],
    ...languages["zh-CN"],
    ...onboarding["zh-CN"],
    ...timing["zh-CN"],
    ...map["zh-CN"],
  },
};
