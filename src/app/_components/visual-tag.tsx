"use client";

import { visualTagOf } from "~/shared/visual-tag/visual-tag";
import { useT } from "../_i18n/provider";

/** The request's spoken tag ("blue fox"), in the user's language. */
export function useVisualTagLabel(requestId: string): string {
  const t = useT();
  const tag = visualTagOf(requestId);
  return t("tag.label", { colour: t(`tag.colour.${tag.colour}`), animal: t(`tag.animal.${tag.animal}`) });
}

/** A swatch of the tag's colour beside its name, so look-alike requests are told apart at a glance. */
export function VisualTagBadge({ requestId }: { requestId: string }) {
  const label = useVisualTagLabel(requestId);
  const { hex } = visualTagOf(requestId);
  return (
    <span className="visual-tag" data-testid="visual-tag">
      <span className="visual-tag-swatch" aria-hidden="true" style={{ background: hex }} />
      {label}
    </span>
  );
}
