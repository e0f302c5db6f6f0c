import { defineMessages } from "../translate";

/** Time on both screens: the remembered deadline, the cancel's undo, what waits for the network, ages and the pairing's end. */
export const timing = defineMessages({
  en: {
    "offline.willSend": "Will be sent when you're back online. Keep this page open until then.",
    "offline.dontSend": "Don't send",
    "requester.sendWhenOnline": "Send when back online",
    "cancel.pending": (v) => `Cancelling your request in ${v.seconds} s…`,
    "cancel.undo": "Undo",
    "cancel.undoLabel": "Undo: keep my request open",
    "pairing.endsInPhone": "Confirm or refuse within",
    "pairing.endsInDesk": "If the customer does not confirm, the pairing ends by itself in",
    "pairing.ending": "The time to confirm is up: the pairing is ending.",
    "pairing.requestTime": "If the desk releases you, your request stays open for",
    "list.sentAgo": (v) => `sent ${v.age}`,
  },
  "zh-CN": {
    "offline.willSend": "将在您恢复联网后发送。在此之前请保持此页面打开。",
    "offline.dontSend": "不要发送",
    "requester.sendWhenOnline": "恢复联网后发送",
    "cancel.pending": (v) => `${v.seconds} 秒后取消您的请求…`,
    "cancel.undo": "撤销",
    "cancel.undoLabel": "撤销：保留我的请求",
    "pairing.endsInPhone": "请在以下时间内确认或拒绝：",
    "pairing.endsInDesk": "如果顾客未确认，配对将自动结束，剩余：",
    "pairing.ending": "确认时间已到：配对正在结束。",
    "pairing.requestTime": "如果柜台释放您，您的请求还将开放：",
    "list.sentAgo": (v) => `${v.age}发送`,
  },
});
