import { readFileSync } from 'node:fs';

/**
 * A Linux process's peak RSS in kB (VmHWM of /proc/<pid>/status), null where /proc cannot say.
 * Not getrusage() maxRSS in a spawned child: the exec keeps the high-water mark of the fork, a copy
 * of the parent, so a child of a 450 MB bench process reported 448 MB for an export that peaked at
 * 111 MB. VmHWM belongs to the new program only.
 */
export function readHwmKb(pid: number | 'self'): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
