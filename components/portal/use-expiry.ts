"use client";

import { useEffect, useState } from "react";

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const dayAndClock = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** 3552 → "59:12", 7199 → "1:59:59". */
export function formatTimeLeft(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}:` : ""}${String(m).padStart(h ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
}

/** When credentials expire ("20:47", or "Tue 02:10" on another day) and a live countdown ("59:12 left"). */
export function useExpiry(expiration: string): { at: string; left: string; isExpired: boolean } {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiration]);
  const end = new Date(expiration);
  const seconds = Math.max(0, Math.floor((end.getTime() - now) / 1000));
  const sameDay = end.toDateString() === new Date(now).toDateString();
  return {
    at: (sameDay ? clock : dayAndClock).format(end),
    left: seconds ? `${formatTimeLeft(seconds)} left` : "expired",
    isExpired: seconds === 0,
  };
}
