// Shared pieces of the end-to-end tests: a static server on loopback for dist/ (and the
// test host pages under /e2e/), and Debian's Chromium driven by playwright-core.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
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
 * Serves dist/ (the release modules: dist/conversation/, dist/insight/) at /, dist-preview/
 * (the preview, with the demo org) at /preview/, tests/e2e/pages/ at /e2e/,
 * bench/pages/ at /bench/ and the packaged Salesforce static resource at
 * /resource/1700000000000/KustomerWidget/; resolves to {url, close}.
 */
export async function serve() {
  const hanging = new Set();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://x");
    if (url.pathname.startsWith("/proxy/")) {
      proxy(url, response, hanging);
      return;
    }
    const path = decodeURIComponent(url.pathname);
    // A host page under /hosts/ finds the module beside it, as it will in a package.
    const mounts = [
      ["/e2e/", ["tests/e2e/pages"]],
      ["/bench/", ["bench/pages"]],
      ["/preview/", ["dist-preview"]],
      // The KustomerWidget static resource as `make package` writes it, where Salesforce
      // serves a static resource: on the Lightning page's own origin, under
      // /resource/<stamp>/<name>/ (reference/salesforce.md §4.6), with no CORS headers.
      ["/resource/1700000000000/KustomerWidget/", ["package/salesforce/force-app/main/default/staticresources/KustomerWidget"]],
      // The Case page component's own files, for the stand-in to run its bridge.
      ["/lwc/", ["www/hosts/salesforce/force-app/main/default/lwc"]],
      ["/hosts/kustomer/", ["www/hosts/kustomer", "dist/insight"]],
      ["/", ["dist"]],
    ];
    const [prefix, folders] = mounts.find(([prefix]) => path.startsWith(prefix));
    const rest = path.slice(prefix.length) || "index.html";
    for (const folder of folders) {
      const base = join(root, folder);
      const file = normalize(join(base, rest));
      if (!file.startsWith(base)) break;
      try {
        const body = await readFile(file);
        response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
        response.end(body);
        return;
      } catch {
        // Not in this folder: try the next.
      }
    }
    response.writeHead(404).end("not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  const close = () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections?.();
    return new Promise((resolve) => server.close(resolve));
  };
  return { url: `http://127.0.0.1:${port}`, close };
}

/**
 * A stand-in for a credential-adding proxy: /proxy/kustomer/… answers a small
 * conversation in Kustomer's format; /proxy/hang/… never answers (until the server
 * closes), to exercise the proxy transport's timeout; /proxy/long/… is a long
 * conversation (below); /proxy/hanging says how many requests are left unanswered and
 * still open.
 */
function proxy(url, response, hanging) {
  const hang = () => {
    hanging.add(response);
    // Open until the client gives up on it: aborting a fetch closes its connection.
    response.on("close", () => hanging.delete(response));
  };
  if (url.pathname.startsWith("/proxy/hang/")) {
    hang();
    return;
  }
  if (url.pathname.startsWith("/proxy/long/")) {
    longConversation(url, response, hang);
    return;
  }
  if (url.pathname === "/proxy/hanging") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ open: hanging.size }));
    return;
  }
  const path = url.pathname.slice("/proxy/kustomer".length) + url.search;
  
  const bodies = {
    "/v1/conversations/p1": { data: { id: "p1", attributes: { name: "Through the proxy", assignedUsers: [] } } },
    "/v1/conversations/p1/messages?page=1&pageSize=100": { data: [{ id: "m1", attributes: { channel: "sms", direction: "in", body: "via proxy" } }] },
    "/v1/conversations/p1/attachments?page=1&pageSize=100": { data: [] },
  };
  const body = bodies[path];
  response.writeHead(body ? 200 : 404, { "content-type": "application/json", "x-ratelimit-remaining": "299" });
  response.end(JSON.stringify(body ?? { errors: [{ status: 404, code: "not.found", title: "Not Found" }] }));
}

/**
 * /proxy/long/…: a conversation of 500 messages whose pages run oldest first, as Kustomer
 * may list them; page 3, which the widget reads ahead of the agent, never answers.
 */
function longConversation(url, response, hang) {
  const at = (n) => new Date(Date.UTC(2026, 10, 1) + n * 60000).toISOString();
  const path = url.pathname.slice("/proxy/long".length);
  const page = Number(url.searchParams.get("page"));
  let body;
  if (path === "/v1/conversations/long") {
    body = { data: { id: "long", attributes: { name: "Five hundred", assignedUsers: [], messageCount: 500, lastMessageAt: at(499) } } };
  } else if (path === "/v1/conversations/long/attachments") {
    body = { data: [] };
  } else if (path === "/v1/conversations/long/messages" && page === 3) {
    hang();
    return;
  } else if (path === "/v1/conversations/long/messages" && page >= 1 && page <= 5) {
    const data = Array.from({ length: 100 }, (_, i) => {
      const n = (page - 1) * 100 + i;
      return { id: `m${String(n).padStart(4, "0")}`, attributes: { channel: "chat", direction: "in", body: `message ${n}`, sentAt: at(n) } };
    });
    body = { data, links: { next: page < 5 ? `/v1/conversations/long/messages?page=${page + 1}&pageSize=100` : null } };
  }
  response.writeHead(body ? 200 : 404, { "content-type": "application/json", "x-ratelimit-remaining": "299" });
  response.end(JSON.stringify(body ?? { errors: [{ status: 404, code: "not.found", title: "Not Found" }] }));
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
      // gc() for the tests that check a mount outlives its dropped handle.
      "--js-flags=--expose-gc",
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

/** A strict page on the test host (pages/host.html), once its modules are loaded. */
export async function hostPage(shared) {
  const page = await strictPage(shared.browser);
  await page.goto(`${shared.server.url}/e2e/host.html`);
  await page.waitForFunction(() => window.widget);
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

/**
 * For a test file: the loopback server and Chromium, started before its tests and
 * stopped after them. Read `shared.server` and `shared.browser` inside tests.
 */
export function serverAndBrowser() {
  const shared = {};
  before(async () => {
    shared.server = await serve();
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}
