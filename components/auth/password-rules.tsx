/** The password policy, as a list under a new-password field. */
export function PasswordRules({ rules, id }: { rules: string[]; id?: string }) {
  return (
    <div id={id} className="text-muted-foreground text-xs" data-testid="password-rules">
      <span>Use {rules.length > 1 ? "" : "at least "}</span>
      {rules.join(", ")}.
    </div>
  );
}
