"use client";

import { TriangleAlert } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { CopyBlock } from "@/components/ui/copy-block";

export type CreatedToken = {
  name: string;
  tokenKey: string;
  secret: string;
  commands: { proxmox: string; direct: string; request: string };
};

/** What creating a token hands out: the secret (this once) and the commands that use it. */
export function EnrolmentSecret({ created }: { created: CreatedToken }) {
  return (
    <div className="grid gap-4" data-testid="enrolment-created">
      <Alert variant="destructive">
        <TriangleAlert aria-hidden />
        <AlertTitle>Copy the secret now</AlertTitle>
        <AlertDescription>
          It is shown this once and stored only as a hash. Lost it? Delete the token and create another.
        </AlertDescription>
      </Alert>
      <div className="grid gap-1.5">
        <span className="font-medium text-sm">Key</span>
        <CopyBlock value={created.tokenKey} label="key" testId="enrolment-created-key" />
      </div>
      <div className="grid gap-1.5">
        <span className="font-medium text-sm">Secret</span>
        <CopyBlock value={created.secret} label="secret" testId="enrolment-created-secret" />
      </div>
      <div className="grid gap-1.5">
        <span className="font-medium text-sm">
          Proxmox node: enrol every running LXC container (as root on the node)
        </span>
        <CopyBlock
          value={created.commands.proxmox}
          label="Proxmox command"
          testId="enrolment-command-proxmox"
        />
      </div>
      <div className="grid gap-1.5">
        <span className="font-medium text-sm">Any host: enrol it and install the agent (as root)</span>
        <CopyBlock value={created.commands.direct} label="direct command" testId="enrolment-command-direct" />
      </div>
    </div>
  );
}
