"use client";

import { Smartphone, Trash2 } from "lucide-react";

import { forgetDeviceAction } from "@/app/(app)/profile/actions";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
    <div className="grid gap-4">
      <div className="overflow-x-auto rounded-md border">
        <Table data-testid="devices-table">
          <TableHeader>
            <TableRow>
              <TableHead>Device</TableHead>
              <TableHead>IP address</TableHead>
              <TableHead>Remembered</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead className="w-0">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {devices.map((device) => (
              <TableRow key={device.id} data-testid="device-row">
                <TableCell>
                  <div className="flex items-center gap-2">
                    <Smartphone className="size-4 text-muted-foreground" aria-hidden />
                    {device.browser} on {device.os}
                  </div>
                </TableCell>
                <TableCell className="font-mono text-xs">{device.ip ?? "—"}</TableCell>
                <TableCell>
                  <LocalTime value={device.createdAt} />
                </TableCell>
                <TableCell>
                  <LocalTime value={device.lastUsedAt} fallback="Not yet" />
                </TableCell>
                <TableCell>
                  <LocalTime value={device.expiresAt} />
                </TableCell>
                <TableCell className="text-right">
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
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div>
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
      </div>
    </div>
  );
}
