import { defineMessages } from "../translate";

/** Pairings that end: the desk releases one, or nobody confirms it in time. */
export const pairing = defineMessages({
  en: {
    "deadline.default": (v) => `${v.minutes} min (the default)`,
    "pairing.release": "Release this customer",
    "pairing.releasing": "Releasing…",
    "pairing.releaseHint": "Picked the wrong person? Release them: their request goes back to every desk's list.",
    "pairing.releasedPhone": "The desk released you; your request is open again.",
    "pairing.abandonedDesk": "The customer did not confirm in time: the pairing ended and nothing was handed over.",
    "pairing.abandonedPhone":
      "You did not confirm in time: the pairing ended, nothing was handed over, and your request is closed. Send a new one if you still need to.",
  },
  "zh-CN": {
    "deadline.default": (v) => `${v.minutes} 分钟（默认）`,
    "pairing.release": "释放此顾客",
    "pairing.releasing": "正在释放…",
    "pairing.releaseHint": "选错人了？请释放对方：其请求将回到所有柜台的列表中。",
    "pairing.releasedPhone": "柜台已释放您；您的请求重新开放。",
    "pairing.abandonedDesk": "顾客未及时确认：配对已结束，没有交付任何数据。",
    "pairing.abandonedPhone": "您未及时确认：配对已结束，没有交付任何数据，您的请求已关闭。如仍需要，请重新发送。",
  },
});
