"use client";

import { useT } from "../_i18n/provider";
import { useNow } from "../_lib/use-now";
import { Countdown } from "./countdown";

/**
 * The time left before an unconfirmed pairing ends by itself, as the server
 * reckons it (the paired event carries the moment). At zero it says the
 * pairing is ending: the server's sweeper closes it within a few seconds.
 */
export function PairingCountdown({ endsAt, label }: { endsAt: Date; label: string }) {
  const t = useT();
  const now = useNow(1000);
  const ended = endsAt.getTime() <= now;
  return (
    <p className={ended ? "alert warning" : "pairing-countdown"} data-testid="pairing-countdown" data-ended={ended}>
      {ended ? (
        t("pairing.ending")
      ) : (
        <>
          {label} <Countdown deadline={endsAt} />
        </>
      )}
    </p>
  );
}
