"use client";

import { createContext, type ReactNode, useContext } from "react";

export type BrandLogos = { light: string | null; dark: string | null };

const BrandingContext = createContext<BrandLogos>({ light: null, dark: null });

/** The uploaded logos (Settings > Branding), for the brand mark in the sidebar and mobile menu. */
export function BrandingProvider({ logos, children }: { logos: BrandLogos; children: ReactNode }) {
  return <BrandingContext.Provider value={logos}>{children}</BrandingContext.Provider>;
}

export function useBrandLogos(): BrandLogos {
  return useContext(BrandingContext);
}
