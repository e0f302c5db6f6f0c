import { defineMessages } from "../translate";

/** Sign-in and sign-up. */
export const auth = defineMessages({
  en: {
    "signIn.title": "Sign in",
    "signIn.intro": "Nearby Exchange hands your bank details, orders and payment confirmations to the person in front of you — nobody types them.",
    "signIn.identification": "Phone number or username",
    "signIn.identificationHint": "Phone numbers with the country code, e.g. +44 20 7946 0958",
    "signIn.identificationMissing": "Enter your phone number (with country code) or username",
    "signIn.password": "Password",
    "signIn.passwordMissing": "Enter your password",
    "signIn.mismatch": "That phone number or username and password do not match an account. Check both and try again.",
    "signIn.locked": (v) =>
      Number(v.seconds) < 60
        ? `Too many failed sign-ins. For your safety this account is locked: try again in ${v.seconds} s.`
        : `Too many failed sign-ins. For your safety this account is locked: try again in ${v.minutes} min.`,
    "signIn.submit": "Sign in",
    "signIn.pending": "Signing in…",
    "signIn.createAccount": "Create an account",
    "signUp.title": "Create an account",
    "signUp.intro": "Your phone number or username is what the person you exchange with sees and picks you by.",
    "signUp.identificationHint": "A phone number with its country code (+44 20 7946 0958), or a username of letters (any script), digits and _ . -",
    "signUp.identificationMissing": "Enter your phone number (with country code) or a username",
    "signUp.displayName": "Display name",
    "signUp.displayNameHint": "The name others see, e.g. “Anna” or “Corner Shop till 2”",
    "signUp.displayNameMissing": "Enter the name others will see",
    "signUp.passwordHint": "At least 8 characters",
    "signUp.passwordShort": "Password must be at least 8 characters",
    "signUp.submit": "Create account",
    "signUp.pending": "Creating account…",
    "signUp.haveAccount": "I have an account",
    "signUp.signInFailed": "Your account was created, but signing in failed. Sign in with your new account.",
  },
  "zh-CN": {
    "signIn.title": "登录",
    "signIn.intro": "附近交换把您的银行信息、订单和付款确认交给面前的人——谁都不用手动输入。",
    "signIn.identification": "手机号或用户名",
    "signIn.identificationHint": "手机号需带国家代码，例如 +86 138 0013 8000",
    "signIn.identificationMissing": "请输入手机号（带国家代码）或用户名",
    "signIn.password": "密码",
    "signIn.passwordMissing": "请输入密码",
    "signIn.mismatch": "手机号或用户名与密码不匹配。请检查后重试。",
    "signIn.locked": (v) =>
      Number(v.seconds) < 60
        ? `登录失败次数过多，为安全起见此账户已锁定：请在 ${v.seconds} 秒后重试。`
        : `登录失败次数过多，为安全起见此账户已锁定：请在 ${v.minutes} 分钟后重试。`,
    "signIn.submit": "登录",
    "signIn.pending": "正在登录…",
    "signIn.createAccount": "创建账户",
    "signUp.title": "创建账户",
    "signUp.intro": "与您交换的人会看到您的手机号或用户名，并据此选择您。",
    "signUp.identificationHint": "带国家代码的手机号（+86 138 0013 8000），或由字母或汉字、数字和 _ . - 组成的用户名（例如 王小明）",
    "signUp.identificationMissing": "请输入手机号（带国家代码）或用户名",
    "signUp.displayName": "显示名称",
    "signUp.displayNameHint": "其他人看到的名称，例如“安娜”或“街角小店 2 号收银台”",
    "signUp.displayNameMissing": "请输入其他人将看到的名称",
    "signUp.passwordHint": "至少 8 个字符",
    "signUp.passwordShort": "密码至少需要 8 个字符",
    "signUp.submit": "创建账户",
    "signUp.pending": "正在创建账户…",
    "signUp.haveAccount": "我已有账户",
    "signUp.signInFailed": "账户已创建，但登录失败。请用新账户登录。",
  },
});
