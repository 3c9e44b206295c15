import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type * as React from "react";

import { ThemeProvider } from "@/components/shell/theme-provider";
import { Toaster } from "@/components/ui/sonner";
import { getBrandingUrls } from "@/lib/settings/branding";

import "./globals.css";

/** The uploaded favicon (Settings > Branding) replaces app/icon.svg when there is one. */
export async function generateMetadata(): Promise<Metadata> {
  const metadata: Metadata = {
    title: { default: "PatchMon", template: "%s · PatchMon" },
    description: "Self-hosted patch monitoring for Linux hosts.",
  };
  try {
    const favicon = (await getBrandingUrls()).favicon;
    if (favicon) metadata.icons = { icon: favicon };
  } catch {
    // No database yet (first start, an outage): the default icon will do.
  }
  return metadata;
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0a0a0a" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The Content-Security-Policy nonce of this request (proxy.ts), for next-themes' inline script.
  // Reading it also renders every page per request, which nonce-based CSP requires.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-svh font-sans antialiased">
        <ThemeProvider
          attribute="class"
          defaultTheme="system"
          enableSystem
          disableTransitionOnChange
          nonce={nonce}
        >
          {children}
          <Toaster closeButton />
        </ThemeProvider>
      </body>
    </html>
  );
}
