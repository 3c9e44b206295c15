import type * as React from "react";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { HostFacts, PublicHost } from "@/lib/hosts/detail";
import { formatGigabytes } from "./host-detail-time";

function Fact({ label, testId, children }: { label: string; testId?: string; children: React.ReactNode }) {
  const empty = children === null || children === undefined || children === "";
  return (
    <div className="contents">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words" data-testid={testId}>
        {empty ? <span className="text-muted-foreground">—</span> : children}
      </dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card className="gap-3">
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

function Facts({ children }: { children: React.ReactNode }) {
  return <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">{children}</dl>;
}

const mono = (value: string | null) => (value ? <span className="font-mono">{value}</span> : null);

export function HostDetailOverview({ host, facts }: { host: PublicHost; facts: NonNullable<HostFacts> }) {
  const os = [host.osType, host.osVersion].filter(Boolean).join(" ") || null;
  const kernelDiffers =
    facts.kernelVersion &&
    facts.installedKernelVersion &&
    facts.kernelVersion !== facts.installedKernelVersion;
  const load = facts.loadAverage?.length ? facts.loadAverage.map((n) => n.toFixed(2)).join(" / ") : null;
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="host-overview">
      {host.lastReportAt === null ? (
        <p className="text-muted-foreground text-sm lg:col-span-2" data-testid="host-no-report">
          This host has not reported yet. Install the agent from the Agent tab; its facts appear here after
          the first report.
        </p>
      ) : null}
      <Section title="System">
        <Facts>
          <Fact label="Operating system" testId="fact-os">
            {os}
          </Fact>
          <Fact label="Architecture" testId="fact-architecture">
            {facts.architecture}
          </Fact>
          <Fact label="Kernel (running)" testId="fact-kernel">
            {facts.kernelVersion ? (
              <span className="font-mono">
                {facts.kernelVersion}
                {kernelDiffers ? (
                  <Badge
                    variant="outline"
                    className="ml-2 border-amber-500 text-amber-700 dark:text-amber-300"
                  >
                    newer installed
                  </Badge>
                ) : null}
              </span>
            ) : null}
          </Fact>
          <Fact label="Kernel (installed)" testId="fact-kernel-installed">
            {mono(facts.installedKernelVersion)}
          </Fact>
          <Fact label="Uptime" testId="fact-uptime">
            {facts.systemUptime}
          </Fact>
          <Fact label="Load average" testId="fact-load">
            {load}
          </Fact>
          <Fact label="SELinux" testId="fact-selinux">
            {facts.selinuxStatus}
          </Fact>
          <Fact label="Machine ID" testId="fact-machine-id">
            {facts.machineId ? <span className="font-mono text-xs">{facts.machineId}</span> : null}
          </Fact>
          <Fact label="Agent version" testId="fact-agent-version">
            {host.agentVersion}
          </Fact>
          <Fact label="Auto-update">{host.autoUpdate ? "on" : "off"}</Fact>
        </Facts>
      </Section>
      <Section title="Hardware">
        <Facts>
          <Fact label="CPU" testId="fact-cpu">
            {facts.cpuModel}
          </Fact>
          <Fact label="Cores" testId="fact-cores">
            {facts.cpuCores}
          </Fact>
          <Fact label="RAM" testId="fact-ram">
            {facts.ramInstalled === null ? null : formatGigabytes(facts.ramInstalled)}
          </Fact>
          <Fact label="Swap" testId="fact-swap">
            {facts.swapSize === null ? null : formatGigabytes(facts.swapSize)}
          </Fact>
          <Fact label="Disks" testId="fact-disks">
            {facts.diskDetails?.length ? (
              <ul className="grid gap-0.5">
                {facts.diskDetails.map((disk) => (
                  <li key={`${disk.name}-${disk.mountpoint}`}>
                    <span className="font-mono">{disk.name}</span> {disk.size}
                    {disk.mountpoint ? (
                      <span className="text-muted-foreground"> on {disk.mountpoint}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </Fact>
        </Facts>
      </Section>
      <Section title="Network">
        <Facts>
          <Fact label="IP address" testId="fact-ip">
            {mono(host.ip)}
          </Fact>
          <Fact label="Gateway" testId="fact-gateway">
            {mono(facts.gatewayIp)}
          </Fact>
          <Fact label="DNS servers" testId="fact-dns">
            {facts.dnsServers?.length ? mono(facts.dnsServers.join(", ")) : null}
          </Fact>
        </Facts>
      </Section>
      <Section title="Network interfaces">
        {facts.networkInterfaces?.length ? (
          <ul className="grid gap-3 text-sm" data-testid="fact-interfaces">
            {facts.networkInterfaces.map((nic) => (
              <li key={nic.name} className="grid gap-0.5">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium font-mono">{nic.name}</span>
                  {nic.status ? <Badge variant="outline">{nic.status}</Badge> : null}
                  {nic.type ? <span className="text-muted-foreground">{nic.type}</span> : null}
                </div>
                <div className="text-muted-foreground">
                  {[
                    nic.macAddress,
                    nic.mtu ? `MTU ${nic.mtu}` : null,
                    nic.linkSpeed ? `${nic.linkSpeed} Mb/s` : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </div>
                {nic.addresses?.map((address) => (
                  <div key={address.address} className="font-mono text-xs">
                    {address.address}
                    {address.netmask ? `/${address.netmask}` : ""}
                    {address.family ? ` (${address.family})` : ""}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted-foreground text-sm">No interfaces reported.</p>
        )}
      </Section>
    </div>
  );
}
