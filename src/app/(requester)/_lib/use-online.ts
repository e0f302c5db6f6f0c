"use client";

import { useEffect, useState } from "react";

/** navigator.onLine, kept up to date; true during server rendering. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

/**
 * An action pressed while offline waits here and runs once the phone is back
 * online. Kept in memory only: it is lost if the page closes first, which is
 * why the screen says to keep the page open (and offers to drop it).
 */
export function useWhenOnline(): { queued: boolean; queue: (action: () => void) => void; drop: () => void } {
  const online = useOnline();
  const [queued, setQueued] = useState<{ action: () => void } | null>(null);
  useEffect(() => {
    if (!online || !queued) return;
    setQueued(null);
    queued.action();
  }, [online, queued]);
  return { queued: queued !== null, queue: (action) => setQueued({ action }), drop: () => setQueued(null) };
}
