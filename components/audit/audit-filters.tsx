import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FilterSelect } from "@/components/users/filter-select";

// The actions the app records (lib/audit.ts), for the filter; the search box matches any text too.
const ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.locked",
  "auth.logout",
  "auth.tfa_failed",
  "auth.tfa_locked",
  "auth.sso_login",
  "auth.sso_denied",
  "setup.first_admin",
  "session.revoked",
  "session.revoked_others",
  "tfa.enabled",
  "tfa.disabled",
  "tfa.backup_codes_regenerated",
  "tfa.reset",
  "tfa.device_revoked",
  "user.created",
  "user.updated",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.deleted",
  "user.password_reset",
  "user.password_changed",
  "user.unlocked",
  "role.created",
  "role.updated",
  "role.deleted",
];

export type AuditFilterValues = { action: string; actor: string; search: string; from: string; to: string };

/** A GET form: the filters are the URL's search params. */
export function AuditFilters({ values }: { values: AuditFilterValues }) {
  const field = (
    name: "actor" | "search" | "from" | "to",
    label: string,
    type = "text",
    placeholder?: string,
  ) => (
    <div className="grid gap-1">
      <Label htmlFor={`audit-${name}`} className="text-muted-foreground text-xs">
        {label}
      </Label>
      <Input
        id={`audit-${name}`}
        name={name}
        type={type}
        defaultValue={values[name]}
        placeholder={placeholder}
        className={type === "date" ? "w-40" : "w-48"}
        data-testid={`audit-${name}`}
      />
    </div>
  );
  return (
    <form method="get" action="/audit" className="flex flex-wrap items-end gap-3" data-testid="audit-filters">
      <div className="grid gap-1">
        <span className="text-muted-foreground text-xs">Action</span>
        <FilterSelect
          name="action"
          label="Action"
          value={values.action || "all"}
          options={[{ value: "all", label: "All actions" }, ...ACTIONS.map((a) => ({ value: a, label: a }))]}
          testId="audit-action"
        />
      </div>
      {field("actor", "Actor (username)", "text", "username")}
      {field("search", "Search", "search", "actor, action or target")}
      {field("from", "From", "date")}
      {field("to", "To", "date")}
      <Button type="submit" variant="secondary" data-testid="audit-filter-submit">
        Apply
      </Button>
    </form>
  );
}
