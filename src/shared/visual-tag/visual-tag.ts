/**
 * A spoken tag per request ("blue fox"), so a clerk can tell two look-alike
 * customers apart: the customer says "I'm the blue fox". Derived from the
 * request id, which the desk's list already carries and which is random and
 * public (nothing secret goes in, so the tag reveals nothing new). Pure and
 * stable: both screens compute the same tag on their own.
 */

/** Colours far apart in hue and lightness, so they are told apart on screen and by name. */
export const tagColours = {
  red: "#d73a3a",
  orange: "#e8831a",
  yellow: "#e3c21b",
  green: "#2f9e44",
  blue: "#1c6dd0",
  purple: "#8e44c9",
  pink: "#e64f9a",
  brown: "#8a5a2b",
} as const;

export const tagAnimals = [
  "fox",
  "owl",
  "bear",
  "cat",
  "deer",
  "duck",
  "fish",
  "frog",
  "horse",
  "lion",
  "panda",
  "rabbit",
  "tiger",
  "turtle",
  "whale",
  "wolf",
] as const;

export type TagColour = keyof typeof tagColours;
export type TagAnimal = (typeof tagAnimals)[number];

export interface VisualTag {
  colour: TagColour;
  animal: TagAnimal;
  /** The colour to draw the tag's swatch with. */
  hex: string;
}

const colourNames = Object.keys(tagColours) as TagColour[];

/** FNV-1a, 32 bits: spreads ids that differ in one character over the whole range. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The tag of the request with this id: the same id always gives the same tag. */
export function visualTagOf(requestId: string): VisualTag {
  const h = hash(requestId);
  const colour = colourNames[h % colourNames.length]!;
  const animal = tagAnimals[Math.floor(h / colourNames.length) % tagAnimals.length]!;
  return { colour, animal, hex: tagColours[colour] };
}
