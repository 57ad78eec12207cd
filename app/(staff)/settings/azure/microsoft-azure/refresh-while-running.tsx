"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Reloads the tab's data every two seconds while a sync is queued or running: live progress. */
export function RefreshWhileRunning() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
