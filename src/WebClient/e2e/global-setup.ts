import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

/**
 * Starts what the browser tests run against, once per run: a throwaway PostgreSQL
 * (tools/postgres.sh start-temp), one real silo hosting the chat grains (src/Silo), and the real
 * gateway (src/Gateway, Release build) serving this client's dist/ from its default location.
 * Everything is stopped again in the teardown.
 */

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(clientDir, "../..");
const gatewayDir = path.join(repoRoot, "src", "Gateway");
const siloDir = path.join(repoRoot, "src", "Silo");
const artifactsDir = path.join(repoRoot, "artifacts");
const logDir = path.join(artifactsDir, "e2e");
const startupTimeoutMs = 120_000;

function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, MSBUILDDISABLENODEREUSE: "1", DOTNET_CLI_USE_MSBUILD_SERVER: "0", UseSharedCompilation: "false", DOTNET_NOLOGO: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function parseAssignments(output: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of output.split("\n")) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values[match[1]!] = match[2]!.replace(/^'(.*)'$/, "$1");
  }
  return values;
}

async function waitForReady(url: string, gateway: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + startupTimeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (gateway.exitCode !== null) {
      throw new Error(`The process for ${url} exited during start-up (code ${gateway.exitCode}). Log ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The gateway at ${url} was not ready within ${startupTimeoutMs / 1000} s (last: ${last}). Log ${logFile}:\n${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-40).join("\n");
  } catch {
    return "(no log)";
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(logDir, { recursive: true });
  const cleanups: (() => Promise<void> | void)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log(`cleanup failed: ${String(error)}`);
      }
    }
  };

  try {
    if (!existsSync(path.join(clientDir, "dist", "index.html"))) {
      log("dist/ missing: building the client");
      run("npx", ["vite", "build"], clientDir);
    }

    log("building src/Gateway (Release)");
    run("dotnet", ["build", gatewayDir, "-c", "Release", "--nologo", "-v", "quiet", "-nodeReuse:false"], repoRoot);
    const dll = path.join(gatewayDir, "bin", "Release", "net10.0", "OrleansChat.Gateway.dll");
    if (!existsSync(dll)) throw new Error(`The gateway build produced no ${dll}`);

    log("starting a throwaway PostgreSQL");
    const pg = parseAssignments(run(path.join(repoRoot, "tools", "postgres.sh"), ["start-temp"], repoRoot));
    if (!pg.PG_TEMP_DIR || !pg.PG_PORT) throw new Error("tools/postgres.sh start-temp printed no PG_TEMP_DIR/PG_PORT");
    cleanups.push(() => {
      run(path.join(repoRoot, "tools", "postgres.sh"), ["stop-temp", pg.PG_TEMP_DIR!], repoRoot);
    });

    log("building src/Silo (Release)");
    run("dotnet", ["build", siloDir, "-c", "Release", "--nologo", "-v", "quiet", "-nodeReuse:false"], repoRoot);
    const siloOutput = path.join(siloDir, "bin", "Release", "net10.0");
    const siloPort = await freePort();
    const siloHttp = `http://127.0.0.1:${await freePort()}`;
    const siloLog = path.join(logDir, "silo.log");
    const siloStream = createWriteStream(siloLog);
    log(`starting a silo (messaging port ${siloPort}, log: ${siloLog})`);
    // Run from its output folder so it finds its appsettings.json.
    const silo = spawn("dotnet", [path.join(siloOutput, "OrleansChat.Silo.dll")], {
      cwd: siloOutput,
      env: {
        ...process.env,
        ASPNETCORE_URLS: siloHttp,
        ConnectionStrings__Postgres: `Host=127.0.0.1;Port=${pg.PG_PORT};Username=postgres`,
        Silo__Name: "e2e-silo",
        Silo__Port: String(siloPort),
        Silo__AdvertisedAddress: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    silo.stdout?.pipe(siloStream);
    silo.stderr?.pipe(siloStream);
    cleanups.push(() => stopProcess(silo));
    await waitForReady(siloHttp, silo, siloLog);
    log("silo ready");

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const logFile = path.join(logDir, "gateway.log");
    const output = createWriteStream(logFile);
    log(`starting the gateway on ${url} (log: ${logFile})`);
    // Run from src/Gateway: the content root is then src/Gateway and the default web root
    // ../WebClient/dist is this client's build, as in development.
    const gateway = spawn("dotnet", [dll], {
      cwd: gatewayDir,
      env: {
        ...process.env,
        ASPNETCORE_ENVIRONMENT: "Production",
        ASPNETCORE_URLS: url,
        ConnectionStrings__Postgres: `Host=127.0.0.1;Port=${pg.PG_PORT};Username=postgres`,
        Gateway__Auth__SigningSecret: randomBytes(32).toString("hex"),
        // Every test signs up its own users from 127.0.0.1: lift the per-address budgets.
        Gateway__Auth__Throttle__MaxSignupsPerAddress: "100000",
        Gateway__Auth__Throttle__MaxFailuresPerAddress: "100000",
        Logging__LogLevel__Default: "Information",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    gateway.stdout?.pipe(output);
    gateway.stderr?.pipe(output);
    cleanups.push(() => stopProcess(gateway));

    await waitForReady(url, gateway, logFile);
    log("gateway ready");
    project.provide("gatewayUrl", url);
    project.provide("artifactsDir", artifactsDir);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
