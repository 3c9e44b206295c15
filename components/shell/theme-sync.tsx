"use client";

import { useTheme } from "next-themes";
import { useEffect } from "react";

const APPLIED_KEY = "patchmon-theme-preference-applied";

/**
 * Applies the theme saved on the profile in a browser that has not applied it yet (a new browser,
 * or after the preference changed elsewhere). The header's quick toggle stays a per-browser choice.
 */
export function ThemeSync({ preference }: { preference: string }) {
  const { setTheme } = useTheme();
  useEffect(() => {
    try {
      if (window.localStorage.getItem(APPLIED_KEY) === preference) return;
      window.localStorage.setItem(APPLIED_KEY, preference);
    } catch {
      return;
    }
    setTheme(preference);
  }, [preference, setTheme]);
  return null;
}
