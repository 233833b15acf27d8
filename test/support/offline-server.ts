// Starts `osls offline` (serverless-offline) as a child process group on free loopback ports and
// stops it by its process-group id. Used by the test setup and the benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export interface OfflineServer {
  /** e.g. http://127.0.0.1:41234/graphql */
  graphqlUrl: string;
  /** serverless-offline's Lambda invoke API (AWS SDK endpoint). */
  lambdaEndpoint: string;
  pid: number;
  stop(): Promise<void>;
}

/** n distinct free loopback ports (all held open until every one is known, so none repeats). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<net.Server>((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve(server));
      }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export async function startOfflineServer(options: { root: string; env: NodeJS.ProcessEnv; readyTimeoutMs?: number; extraArgs?: string[] }): Promise<OfflineServer> {
  const [httpPort, lambdaPort] = (await freePorts(2)) as [number, number];
  const bin = path.join(options.root, "node_modules", ".bin", "osls");
  const child = spawn(
    bin,
    ["offline", "--host", "127.0.0.1", "--httpPort", String(httpPort), "--lambdaPort", String(lambdaPort), ...(options.extraArgs ?? [])],
    // The functions reach their workers through this server's own Lambda endpoint.
    { cwd: options.root, env: { ...options.env, LAMBDA_ENDPOINT: `http://127.0.0.1:${lambdaPort}` }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`serverless-offline did not get ready in ${options.readyTimeoutMs ?? 45_000} ms:\n${output}`));
    }, options.readyTimeoutMs ?? 45_000);
    const onData = () => {
      if (output.includes("Server ready")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serverless-offline exited with ${code}:\n${output}`));
    });
  });

  return {
    graphqlUrl: `http://127.0.0.1:${httpPort}/graphql`,
    lambdaEndpoint: `http://127.0.0.1:${lambdaPort}`,
    pid: child.pid!,
    stop: () => stopGroup(child),
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(child, "SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    killGroup(child, "SIGKILL");
    await exited;
  }
}
