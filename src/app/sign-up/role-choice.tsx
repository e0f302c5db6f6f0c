"use client";

import "../onboarding.css";
import type { AccountRole } from "~/shared/account-role";
import { useT } from "../_i18n/provider";

const roles = [
  { role: "CUSTOMER", label: "role.customer", hint: "role.customerHint" },
  { role: "DESK", label: "role.desk", hint: "role.deskHint" },
] as const;

/** Two radio cards: a native radio group, so arrow keys and screen readers work as they do everywhere. */
export function RoleChoice({ value, onChange }: { value: AccountRole; onChange: (role: AccountRole) => void }) {
  const t = useT();
  return (
    <fieldset className="role-choice" data-testid="role-choice">
      <legend>{t("role.legend")}</legend>
      <div className="role-cards">
        {roles.map(({ role, label, hint }) => (
          <label key={role} className="role-card">
            <input
              type="radio"
              name="role"
              value={role}
              checked={value === role}
              onChange={() => onChange(role)}
              aria-describedby={`role-${role}-hint`}
              data-testid={`role-${role}`}
            />
            <span className="role-card-text">
              <strong>{t(label)}</strong>
              <span id={`role-${role}-hint`} className="small muted">
                {t(hint)}
              </span>
            </span>
          </label>
        ))}
      </div>
      <p className="small muted">{t("role.changeLater")}</p>
    </fieldset>
  );
}
