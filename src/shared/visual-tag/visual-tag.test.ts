import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tagAnimals, tagColours, visualTagOf } from "./visual-tag";

describe("visualTagOf", () => {
  it("is stable: the same id gives the same tag, on any call", () => {
    const id = "5b0e3c1a-8d3f-4a3e-9f59-2b7c0e6d1a42";
    expect(visualTagOf(id)).toEqual(visualTagOf(id));
    expect(visualTagOf(id)).toEqual({ colour: "purple", animal: "deer", hex: tagColours.purple });
  });

  it("uses every colour and every animal, roughly evenly, over random ids", () => {
    const colours = new Map<string, number>();
    const animals = new Map<string, number>();
    const n = 8000;
    for (let i = 0; i < n; i++) {
      const tag = visualTagOf(randomUUID());
      colours.set(tag.colour, (colours.get(tag.colour) ?? 0) + 1);
      animals.set(tag.animal, (animals.get(tag.animal) ?? 0) + 1);
    }
    expect(colours.size).toBe(Object.keys(tagColours).length);
    expect(animals.size).toBe(tagAnimals.length);
    for (const count of colours.values()) expect(count).toBeGreaterThan((n / 8) * 0.8);
    for (const count of animals.values()) expect(count).toBeGreaterThan((n / 16) * 0.7);
  });

  it("tells ids that differ in one character apart most of the time", () => {
    let same = 0;
    for (let i = 0; i < 1000; i++) {
      const id = randomUUID();
      const other = id.slice(0, -1) + (id.endsWith("0") ? "1" : "0");
      const a = visualTagOf(id);
      const b = visualTagOf(other);
      if (a.colour === b.colour && a.animal === b.animal) same++;
    }
    // 128 combinations: about 8 in 1000 collide by chance.
    expect(same).toBeLessThan(30);
  });

  it("draws colours far apart from each other", () => {
    const rgb = Object.values(tagColours).map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    for (let i = 0; i < rgb.length; i++) {
      for (let j = i + 1; j < rgb.length; j++) {
        const distance = Math.hypot(...rgb[i]!.map((c, k) => c - rgb[j]![k]!));
        expect(distance).toBeGreaterThan(60);
      }
    }
  });
});
