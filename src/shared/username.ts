import { type Problem, problem } from "./problem";

/**
 * The username rule, read by the sign-up screen and enforced by the server.
 * Letters of any script are welcome (王小明, José, Ольга). The name is stored
 * NFKC-normalised and lowercased, so full-width ＡＢＣ and abc, or a
 * precomposed and a decomposed é, are one account (the unique index holds the
 * normalised form). What could make two names look alike is refused: invisible
 * characters, and letters from more than one script (Latin "a" beside Cyrillic
 * "а"), except Han with kana or Hangul, as Japanese and Korean write.
 */
export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;

// Characters that render as nothing: format characters (zero-width joiners, direction marks), variation selectors, fillers.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Co}\p{Cn}]/u;
const ALLOWED = /^[\p{L}\p{M}0-9_.-]+$/u;

const SCRIPTS = [
  ["Latin", /\p{Script=Latin}/u],
  ["Han", /\p{Script=Han}/u],
  ["Kana", /[\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u],
  ["Hangul", /\p{Script=Hangul}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Thai", /\p{Script=Thai}/u],
  ["Devanagari", /\p{Script=Devanagari}/u],
] as const;

function scriptOf(letter: string): string {
  return SCRIPTS.find(([, pattern]) => pattern.test(letter))?.[0] ?? `other:${letter}`;
}

/** Scripts that are written together: Han with kana (Japanese), Han with Hangul (Korean). */
function mixesScripts(scripts: Set<string>): boolean {
  if (scripts.size <= 1) return false;
  if (scripts.size === 2 && scripts.has("Han") && (scripts.has("Kana") || scripts.has("Hangul"))) return false;
  return true;
}

export type UsernameResult = { username: string; problem: null } | { username: null; problem: Problem };

/** Normalises a username (NFKC, lowercase) and checks it; `raw` is trimmed already. */
export function parseUsername(raw: string): UsernameResult {
  const fail = (p: Problem): UsernameResult => ({ username: null, problem: p });
  if (INVISIBLE.test(raw)) {
    return fail(problem("usernameInvisible", "A username cannot contain invisible characters (such as zero-width spaces): type it again by hand"));
  }
  const username = raw.normalize("NFKC").toLowerCase();
  const length = Array.from(username).length;
  if (length < USERNAME_MIN_LENGTH) {
    return fail(problem("usernameShort", `A username has at least ${USERNAME_MIN_LENGTH} characters`, { min: USERNAME_MIN_LENGTH }));
  }
  if (length > USERNAME_MAX_LENGTH) {
    return fail(problem("usernameLong", `A username has at most ${USERNAME_MAX_LENGTH} characters`, { max: USERNAME_MAX_LENGTH }));
  }
  if (!/^\p{L}/u.test(username)) return fail(problem("usernameStart", "A username starts with a letter"));
  if (!ALLOWED.test(username)) {
    return fail(problem("usernameChars", "A username may contain only letters, digits 0–9 and _ . - (no spaces)"));
  }
  const scripts = new Set(Array.from(username.matchAll(/\p{L}/gu), ([letter]) => scriptOf(letter)));
  if (mixesScripts(scripts)) {
    return fail(
      problem(
        "usernameMixedScripts",
        "A username uses letters of one script only (not Latin mixed with Cyrillic, for example), so it cannot be mistaken for another",
      ),
    );
  }
  return { username, problem: null };
}
