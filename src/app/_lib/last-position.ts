import { z } from "zod";
import { positionSchema } from "~/shared/geo/distance";

/**
 * The last position known on this phone, per account, in localStorage: the
 * place-yourself map opens there, and a position placed by hand is used again
 * for the next send (until the phone locates itself again).
 */
export interface LastPosition {
  latitude: number;
  longitude: number;
  /** Placed by hand (map or fields) rather than located by the browser. */
  placed: boolean;
}

type Store = Pick<Storage, "getItem" | "setItem">;

const PREFIX = "nearby-exchange:last-position:";
const storedSchema = positionSchema.extend({ placed: z.boolean() });

export function loadLastPosition(userId: string, storage: Store = window.localStorage): LastPosition | null {
  try {
    const parsed = storedSchema.safeParse(JSON.parse(storage.getItem(PREFIX + userId) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveLastPosition(userId: string, position: LastPosition, storage: Store = window.localStorage): void {
  try {
    const { latitude, longitude, placed } = position;
    storage.setItem(PREFIX + userId, JSON.stringify({ latitude, longitude, placed }));
  } catch {
    // Private mode or a full quota: the position is simply not remembered.
  }
}
