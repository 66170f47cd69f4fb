/** The browsers' processes as Linux shows them in /proc: to find renderers, their memory and their CPU time. */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

export function processes(): ProcessInfo[] {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      found.push({ pid: Number(name), ppid, cmdline });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * The CPU time each web page renderer's main thread (the thread whose id is the process's) has had,
 * in ns, by pid: the kernel's count of time on a CPU (schedstat), so that time the thread waited
 * for a CPU, which a busy 2-core machine gives plenty of, does not count as the page's. The
 * extension's own pages (a watching panel) run in renderers of their own, marked as such: not
 * counted. Linux only.
 */
export function rendererMainThreadNs(): Map<number, number> {
  const times = new Map<number, number>();
  if (process.platform !== 'linux') return times;
  for (const p of processes()) {
    if (!p.cmdline.includes('--type=renderer') || p.cmdline.includes('--extension-process')) continue;
    try {
      const ns = Number(readFileSync(`/proc/${p.pid}/task/${p.pid}/schedstat`, 'utf8').split(' ')[0]);
      if (Number.isFinite(ns)) times.set(p.pid, ns);
    } catch {
      // Gone meanwhile.
    }
  }
  return times;
}

/** The CPU time, in ms, of the renderer main thread that ran the most between two readings (the page's). */
export function busiestRendererMs(before: Map<number, number>, after: Map<number, number>): number {
  let most = 0;
  for (const [pid, ns] of after) most = Math.max(most, ns - (before.get(pid) ?? 0));
  return most / 1e6;
}
