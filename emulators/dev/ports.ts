import net from "node:net";

/**
 * True when something accepts connections on the port. The app is reached as `localhost`, which
 * can mean IPv4 or IPv6 depending on the machine, so both loopbacks are probed.
 */
export async function isPortInUse(port: number): Promise<boolean> {
  const probes = await Promise.all(["127.0.0.1", "::1"].map((host) => accepts(host, port)));
  return probes.some(Boolean);
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * A port that is free right now. Used where a URL must be known before its server starts (the
 * app's redirect URI is registered with the local AuthKit before Vite listens on it).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("No free port was assigned"))));
    });
  });
}

/** Resolves once the port accepts connections; rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isPortInUse(port))) {
    if (Date.now() > deadline) throw new Error(`Nothing listened on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The port of an http(s) URL, with the scheme's default when it has none. */
export function portOf(url: string): number {
  const u = new URL(url);
  return u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
}
