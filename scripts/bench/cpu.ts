import { readdirSync, readFileSync } from "node:fs";

/** CPU time (ms) used so far by every process in a process group, from /proc (Linux). */
export function groupCpuMs(pgid: number | undefined): number {
  if (!pgid) return NaN;
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name: state ppid pgrp ... utime(14) stime(15), counted from 1.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** CPU time (ms) this process (the emulator, the OIDC IdP, the clients) used so far. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
