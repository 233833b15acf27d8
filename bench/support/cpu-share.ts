// Lambda gives a function CPU in proportion to its memory size: one full vCPU at 1,769 MB (AWS,
// "Configuring Lambda function memory"). A CFS quota on a cgroup of our own reproduces that share
// on this machine, so a cold start can be measured as it runs at a given memory size. Needs a
// cgroup CPU controller we may write to (root); the period is Linux's default, 100 ms (Lambda's
// own is not documented).
import fs from "node:fs";
import path from "node:path";

export interface CpuShare {
  label: string;
  /** The command line that runs `node args` inside the share. */
  command(node: string, args: string[]): [string, string[]];
  /** Deletes the cgroup (once every process in it has exited). */
  remove(): void;
}

const FULL_VCPU_MB = 1769;
const PERIOD_US = 100_000;

export function cpuShare(memoryMb: number): CpuShare {
  if (!Number.isFinite(memoryMb) || memoryMb < 128 || memoryMb > 10_240) throw new Error(`BENCH_LAMBDA_MEMORY: ${memoryMb} is not a Lambda memory size (128 to 10240 MB)`);
  const quota = Math.round((memoryMb / FULL_VCPU_MB) * PERIOD_US);
  const name = `superpose-bench-${memoryMb}mb-${process.pid}`;
  let dir: string;
  let procs: string;
  try {
    if (fs.existsSync("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")) {
      dir = path.join("/sys/fs/cgroup/cpu", name); // cgroup v1
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "cpu.cfs_period_us"), String(PERIOD_US));
      fs.writeFileSync(path.join(dir, "cpu.cfs_quota_us"), String(quota));
      procs = path.join(dir, "tasks");
    } else {
      dir = path.join("/sys/fs/cgroup", name); // cgroup v2 (the cpu controller enabled for children)
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "cpu.max"), `${quota} ${PERIOD_US}`);
      procs = path.join(dir, "cgroup.procs");
    }
  } catch (error) {
    throw new Error(`BENCH_LAMBDA_MEMORY needs a cgroup CPU controller this user may write to (run as root): ${(error as Error).message}`, { cause: error });
  }
  return {
    label: `as Lambda at ${memoryMb} MB (${(memoryMb / FULL_VCPU_MB).toFixed(2)} vCPU)`,
    // The shell joins the cgroup, then becomes node: the whole process runs inside the share.
    command: (node, args) => ["/bin/sh", ["-c", `echo $$ > ${procs} && exec "$0" "$@"`, node, ...args]],
    remove: () => fs.rmdirSync(dir),
  };
}
