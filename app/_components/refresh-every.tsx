"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/**
 * Reloads the page's server data every `seconds` while it is shown: live progress while a sync runs, and Entra's
 * changes arriving while an organization syncs continuously. Without JavaScript the page simply stays as loaded.
 */
export function RefreshEvery({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
