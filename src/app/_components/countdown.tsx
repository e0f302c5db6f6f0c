"use client";

import { millisecondsLeft } from "~/shared/deadline/deadline";
import { useT } from "../_i18n/provider";
import { formatDuration } from "../_lib/format";
import { useNow } from "../_lib/use-now";

/** Time left until `deadline`, ticking each second; "time is up" at zero. */
export function Countdown({ deadline, testId }: { deadline: Date; testId?: string }) {
  const t = useT();
  const now = useNow(1000);
  const left = millisecondsLeft(deadline, new Date(now)) ?? 0;
  return (
    <span className="countdown" data-testid={testId} aria-label={left > 0 ? t("countdown.left", { time: formatDuration(left) }) : t("countdown.up")}>
      {left > 0 ? formatDuration(left) : "0:00"}
    </span>
  );
}
