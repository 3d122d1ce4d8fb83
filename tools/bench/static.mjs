// The figures that need no server: what a consumer ships (bundle size) and what a consumer installs
// (install footprint). Nothing here is timed, so run.mjs runs it after the timed phases.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");

// One call each: fetch one CustomerProfile and print it, the smallest useful program for every client.
const PROGRAMS = {
  raw: `
    const sid = process.argv[2];
    const auth = btoa(process.env.TWILIO_ACCOUNT_SID + ":" + process.env.TWILIO_AUTH_TOKEN);
    const response = await fetch("https://trusthub.twilio.com/v1/CustomerProfiles/" + sid, { headers: { Authorization: "Basic " + auth } });
    console.log(JSON.parse(await response.text()));`,
  "openapi-fetch": `
    import createClient from "openapi-fetch";
    const auth = btoa(process.env.TWILIO_ACCOUNT_SID + ":" + process.env.TWILIO_AUTH_TOKEN);
    const client = createClient({ baseUrl: "https://trusthub.twilio.com", headers: { Authorization: "Basic " + auth } });
    const { data } = await client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: process.argv[2] } } });
    console.log(data);`,
  trusthub: `
    import { createTrustHubClient, unwrap } from "@trusthub/client";
    const client = createTrustHubClient();
    console.log(await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: process.argv[2] } } })));`,
  twilio: `
    import twilio from "twilio";
    const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
    console.log(await client.trusthub.v1.customerProfiles(process.argv[2]).fetch());`,
};

/** Which package a bundled file comes from (pnpm's store paths included), for the per-package breakdown. */
function packageOf(path) {
  if (path === "<stdin>" || path.endsWith("-one-call.mjs")) return "(the program)";
  if (path.includes("packages/client/")) return "@trusthub/client";
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match ? match[1] : path;
}

/**
 * esbuild bundle of each one-call program (ESM, node20, minified), its gzip -9 size, and the minified bytes
 * each package contributes.
 */
export async function bundleSizes(clients) {
  const sizes = {};
  for (const client of clients) {
    const result = await build({
      stdin: { contents: PROGRAMS[client], resolveDir: here, sourcefile: `${client}-one-call.mjs`, loader: "js" },
      bundle: true,
      minify: true,
      platform: "node",
      format: "esm",
      target: "node20",
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    const code = result.outputFiles[0].contents;
    const inputs = {};
    for (const output of Object.values(result.metafile.outputs)) {
      for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) inputs[packageOf(path)] = (inputs[packageOf(path)] ?? 0) + bytesInOutput;
    }
    const top = Object.entries(inputs).sort((a, b) => b[1] - a[1]);
    sizes[client] = { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, inputs: Object.fromEntries(top.slice(0, 8)) };
  }
  return sizes;
}

function run(cmd, args, cwd, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(" ")} (exit ${code}): ${err.trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
}

const NPM = ["--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"];

/** Packages (every package.json directly under a node_modules) and bytes of files of an install. */
async function footprint(nodeModules) {
  let packages = 0;
  let bytes = 0;
  const walk = async (dir, depth) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth === "modules" && entry.name.startsWith(".")) continue; // npm's own .package-lock.json, .bin
        if (depth === "modules" && entry.name.startsWith("@")) await walk(path, "modules");
        else if (depth === "modules") {
          packages++;
          await walk(path, "package");
        } else await walk(path, entry.name === "node_modules" ? "modules" : "package");
      } else if (entry.isFile() && depth === "package") bytes += (await stat(path)).size;
    }
  };
  await walk(nodeModules, "modules");
  return { packages, bytes };
}

// @trusthub/client depends on "@trusthub/types": "workspace:*", which only pnpm understands: pack a copy
// whose dependency names the types' version, then install both tarballs together, as a registry would.
async function packTrustHub(tmp) {
  const packs = join(tmp, "packs");
  await mkdir(packs, { recursive: true });
  const typesPkg = JSON.parse(await readFile(join(repo, "packages/types/package.json"), "utf8"));
  await run("npm", ["pack", join(repo, "packages/types"), "--pack-destination", packs, "--ignore-scripts", "--loglevel=error"], tmp, 120_000);
  const copy = join(tmp, "client-copy");
  const clientPkg = JSON.parse(await readFile(join(repo, "packages/client/package.json"), "utf8"));
  for (const file of clientPkg.files ?? ["dist"]) await cp(join(repo, "packages/client", file), join(copy, file), { recursive: true });
  clientPkg.dependencies["@trusthub/types"] = typesPkg.version;
  delete clientPkg.devDependencies;
  delete clientPkg.scripts;
  await writeFile(join(copy, "package.json"), JSON.stringify(clientPkg, null, 2));
  await run("npm", ["pack", copy, "--pack-destination", packs, "--ignore-scripts", "--loglevel=error"], tmp, 120_000);
  return (await readdir(packs)).filter((f) => f.endsWith(".tgz")).map((f) => join(packs, f));
}

/**
 * A fresh `npm install --ignore-scripts` of each client into its own empty directory (the versions used
 * here). Figures are { packages, bytes } or { unavailable: reason } when npm cannot install (offline).
 */
export async function installFootprints(clients, { preferOffline = false } = {}) {
  const tmp = await mkdtemp(join(tmpdir(), "trusthub-bench-install-"));
  try {
    const version = async (name) => JSON.parse(await readFile(join(here, "node_modules", name, "package.json"), "utf8")).version;
    const specs = {
      "openapi-fetch": async () => [`openapi-fetch@${await version("openapi-fetch")}`],
      trusthub: () => packTrustHub(tmp),
      twilio: async () => [`twilio@${await version("twilio")}`],
    };
    const results = {};
    await Promise.all(
      clients.map(async (client) => {
        if (client === "raw") return (results[client] = { packages: 0, bytes: 0 }); // fetch is built into Node
        const dir = join(tmp, client);
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, "package.json"), JSON.stringify({ name: `footprint-${client}`, private: true }));
        try {
          const args = ["install", ...(await specs[client]()), ...NPM];
          try {
            await run("npm", [...args, ...(preferOffline ? ["--prefer-offline"] : [])], dir, 240_000);
          } catch (online) {
            // No registry: whatever npm's cache holds is still a faithful install.
            await run("npm", [...args, "--offline"], dir, 120_000).catch(() => Promise.reject(online));
          }
          results[client] = await footprint(join(dir, "node_modules"));
        } catch (error) {
          results[client] = { unavailable: `npm install failed: ${error.message.slice(0, 300)}` };
        }
      }),
    );
    return results;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
