// The fields each channel type's form shows. Names are "config.<key>" or "secrets.<key>" so the
// action can rebuild the service input; secrets are never pre-filled (empty keeps the stored one).
export type ChannelTypeName = "email" | "webhook" | "slack" | "discord" | "teams" | "ntfy" | "gotify";

export type ChannelField = {
  name: string;
  label: string;
  kind: "text" | "url" | "number" | "password" | "select";
  required?: boolean;
  placeholder?: string;
  hint?: string;
  options?: { value: string; label: string }[];
  /** Shown masked on edit: an empty field keeps the stored value. */
  secret?: boolean;
};

const webhookUrl: ChannelField = {
  name: "secrets.webhookUrl",
  label: "Webhook URL",
  kind: "url",
  required: true,
  secret: true,
  placeholder: "https://…",
};

export const CHANNEL_TYPES: { value: ChannelTypeName; label: string }[] = [
  { value: "webhook", label: "Webhook (JSON)" },
  { value: "email", label: "Email (SMTP)" },
  { value: "slack", label: "Slack" },
  { value: "discord", label: "Discord" },
  { value: "teams", label: "Microsoft Teams" },
  { value: "ntfy", label: "ntfy" },
  { value: "gotify", label: "Gotify" },
];

export const CHANNEL_FIELDS: Record<ChannelTypeName, ChannelField[]> = {
  webhook: [
    { name: "config.url", label: "URL", kind: "url", required: true, secret: true, placeholder: "https://…" },
    {
      name: "secrets.hmacSecret",
      label: "Signing secret (optional)",
      kind: "password",
      secret: true,
      hint: "At least 16 characters; requests then carry X-PatchMon-Signature: sha256=<HMAC of the body>.",
    },
  ],
  email: [
    {
      name: "config.host",
      label: "SMTP host",
      kind: "text",
      required: true,
      placeholder: "smtp.example.com",
    },
    { name: "config.port", label: "Port", kind: "number", required: true, placeholder: "587" },
    {
      name: "config.tls",
      label: "Security",
      kind: "select",
      options: [
        { value: "starttls", label: "STARTTLS (587)" },
        { value: "tls", label: "TLS (465)" },
        { value: "none", label: "None (local relay)" },
      ],
    },
    { name: "config.user", label: "User (optional)", kind: "text" },
    { name: "secrets.password", label: "Password", kind: "password", secret: true },
    { name: "config.from", label: "From", kind: "text", required: true, placeholder: "patchmon@example.com" },
    {
      name: "config.to",
      label: "To",
      kind: "text",
      required: true,
      placeholder: "ops@example.com, oncall@example.com",
      hint: "Comma-separated addresses.",
    },
  ],
  slack: [webhookUrl],
  discord: [webhookUrl],
  teams: [webhookUrl],
  ntfy: [
    {
      name: "config.serverUrl",
      label: "Server URL",
      kind: "url",
      secret: true,
      placeholder: "https://ntfy.sh",
    },
    { name: "config.topic", label: "Topic", kind: "text", required: true },
    { name: "secrets.token", label: "Access token (optional)", kind: "password", secret: true },
  ],
  gotify: [
    { name: "config.serverUrl", label: "Server URL", kind: "url", required: true, secret: true },
    { name: "secrets.token", label: "Application token", kind: "password", required: true, secret: true },
  ],
};
