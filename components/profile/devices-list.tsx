"use client";

import { Smartphone, Trash2 } from "lucide-react";

import { forgetDeviceAction } from "@/app/(app)/profile/actions";
import { Button } from "@/components/ui/button";
import { BrowserTable } from "./browser-table";
import { ConfirmAction } from "./confirm-action";
import { LocalTime } from "./local-time";

export type DeviceRow = {
  id: string;
  browser: string;
  os: string;
  ip: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
};

export function DevicesList({ devices, tfaEnabled }: { devices: DeviceRow[]; tfaEnabled: boolean }) {
  if (devices.length === 0) {
    return (
      <p className="text-muted-foreground text-sm" data-testid="devices-empty">
        {tfaEnabled
          ? "No remembered devices. Tick “Remember this device” when you enter a code to skip it next time."
          : "Devices can be remembered once two-factor authentication is on."}
      </p>
    );
  }
  return (
    <BrowserTable
      rows={devices}
      icon={Smartphone}
      columns={[
        { label: "Remembered", cell: (device) => <LocalTime value={device.createdAt} /> },
        { label: "Last used", cell: (device) => <LocalTime value={device.lastUsedAt} fallback="Not yet" /> },
        { label: "Expires", cell: (device) => <LocalTime value={device.expiresAt} /> },
      ]}
      action={(device) => (
        <ConfirmAction
          trigger={
            <Button variant="ghost" size="sm" data-testid="device-forget">
              Forget
            </Button>
          }
          title="Forget this device?"
          description={`${device.browser} on ${device.os} will be asked for a code at its next sign-in.`}
          confirmLabel="Forget"
          run={() => forgetDeviceAction(null, { deviceId: device.id })}
          success="Device forgotten."
          testId="device-forget"
        />
      )}
      rowTestId={() => "device-row"}
      testId="devices-table"
      footer={
        <ConfirmAction
          trigger={
            <Button variant="outline" data-testid="devices-forget-all">
              <Trash2 aria-hidden />
              Forget all devices
            </Button>
          }
          title="Forget all remembered devices?"
          description="Every device will be asked for a code at its next sign-in."
          confirmLabel="Forget all"
          run={() => forgetDeviceAction(null, { deviceId: "all" })}
          success={(data) => `${data.count} device${data.count === 1 ? "" : "s"} forgotten.`}
          testId="devices-forget-all"
        />
      }
    />
  );
}
