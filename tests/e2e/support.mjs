// Shared pieces of the end-to-end tests: a static server on loopback for dist/ (and the
// test host pages under /e2e/), and Debian's Chromium driven by playwright-core.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../..", import.meta.url));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
};

/**
 * Serves dist/ (the release module) at /, dist-preview/ (the preview, with the demo org)
 * at /preview/, tests/e2e/pages/ at /e2e/ and bench/pages/ at /bench/; resolves to
 * {url, close}.
 */
export async function serve() {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    const mounts = [["/e2e/", "tests/e2e/pages"], ["/bench/", "bench/pages"], ["/preview/", "dist-preview"], ["/", "dist"]];
    const [prefix, folder] = mounts.find(([prefix]) => path.startsWith(prefix)) ?? mounts[3];
    const base = join(root, folder);
    const rest = path.slice(prefix.length) || "index.html";
    const file = normalize(join(base, rest));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page that fails the test on any uncaught error or console error. */
export async function strictPage(browser) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.problems = problems;
  return page;
}

/** Waits for data-state on the element matching `selector`. */
export async function waitForState(page, selector, state, timeout = 15000) {
  await page.waitForFunction(
    ([selector, state]) => document.querySelector(selector)?.dataset.state === state,
    [selector, state],
    { timeout },
  );
}
