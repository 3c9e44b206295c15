import { KeySquare } from "lucide-react";

import { Button } from "@/components/ui/button";

export function SsoButton({
  action,
  text,
  callbackUrl,
}: {
  action: (formData: FormData) => Promise<void>;
  text: string;
  callbackUrl?: string;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <Button type="submit" variant="outline" className="w-full" data-testid="sso-button">
        <KeySquare aria-hidden />
        {text}
      </Button>
    </form>
  );
}
