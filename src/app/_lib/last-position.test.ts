import { describe, expect, it } from "vitest";
import { loadLastPosition, saveLastPosition } from "./last-position";

function memory() {
  const map = new Map<string, string>();
  return { getItem: (key: string) => map.get(key) ?? null, setItem: (key: string, value: string) => void map.set(key, value), map };
}

describe("the last known position", () => {
  it("comes back as saved, per account", () => {
    const storage = memory();
    saveLastPosition("alice", { latitude: 48.8566, longitude: 2.3522, placed: true }, storage);
    expect(loadLastPosition("alice", storage)).toEqual({ latitude: 48.8566, longitude: 2.3522, placed: true });
    expect(loadLastPosition("bob", storage)).toBeNull();
  });

  it("stores only the coordinates and how they were found (no accuracy, no extra fields)", () => {
    const storage = memory();
    saveLastPosition("alice", { latitude: 1, longitude: 2, placed: false, accuracyMeters: 12 } as never, storage);
    expect(JSON.parse([...storage.map.values()][0]!)).toEqual({ latitude: 1, longitude: 2, placed: false });
  });

  it("ignores what does not parse or lies outside the globe", () => {
    const storage = memory();
    for (const raw of ["not json", '{"latitude":91,"longitude":0,"placed":true}', '{"latitude":1}', "null"]) {
      storage.setItem("nearby-exchange:last-position:alice", raw);
      expect(loadLastPosition("alice", storage)).toBeNull();
    }
  });

  it("survives a storage that throws (private mode)", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
    };
    expect(() => saveLastPosition("alice", { latitude: 1, longitude: 2, placed: true }, broken)).not.toThrow();
    expect(loadLastPosition("alice", broken)).toBeNull();
  });
});
