// What a page keeps, read through the DevTools protocol: its JS heap after garbage
// collection, its modules' WebAssembly memory, and the listeners on window and document.
// Used by the soak test and by `make bench`, on tests/e2e/pages/soak.html.

/** A fresh soak page in its own browser context (so its own renderer), with a CDP session. */
export async function soakPage(browser, serverUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await page.goto(`${serverUrl}/e2e/soak.html`);
  await page.waitForFunction(() => window.soakReady);
  const cdp = await context.newCDPSession(page);
  return { page, cdp, problems, close: () => context.close() };
}

/**
 * The JS heap in use after garbage collection, and the WebAssembly memory. The JS heap is
 * V8's own objects (`js`) and the DOM's (`dom`: Blink keeps nodes in a heap of its own,
 * which Runtime.getHeapUsage reports as the embedder's). Collected a few
 * times with a pause between: freeing a wasm-bindgen closure or handle happens in a
 * FinalizationRegistry callback, on a later task, and that frees what it held in turn.
 */
export async function settledMemory({ page, cdp }) {
  for (let round = 0; round < 4; round++) {
    await page.evaluate(async () => {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
  }
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize, embedderHeapUsedSize } = await cdp.send("Runtime.getHeapUsage");
  return { js: usedSize, dom: embedderHeapUsedSize ?? 0, wasm: await page.evaluate(() => window.wasmBytes()) };
}

/** The event types listened to on `window` and on `document`, sorted. */
export async function globalListeners({ cdp }) {
  const types = async (expression) => {
    const { result } = await cdp.send("Runtime.evaluate", { expression });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    await cdp.send("Runtime.releaseObject", { objectId: result.objectId });
    return listeners.map((listener) => listener.type).sort();
  };
  return { window: await types("window"), document: await types("document") };
}

/**
 * Runs `drive(page)` on a fresh soak page and reports what the page kept: growth of the JS
 * heap and of WebAssembly memory from before `drive` to after it, the listeners left on
 * window and document, and the hostFetch traffic (for the control). `warmUp(page)`, when
 * given, runs before the first reading, so that what the first mounts set up once (compiled
 * code, the allocator's first pages) is left out and what remains is what each cycle keeps.
 */
export async function keptBy(browser, serverUrl, drive, warmUp = async () => {}) {
  const soak = await soakPage(browser, serverUrl);
  try {
    await warmUp(soak.page);
    const warmUpRequests = await soak.page.evaluate(() => window.traffic().sent.length);
    const listenersBefore = await globalListeners(soak);
    const before = await settledMemory(soak);
    await drive(soak.page);
    const after = await settledMemory(soak);
    return {
      js: after.js - before.js,
      dom: after.dom - before.dom,
      wasm: after.wasm - before.wasm,
      listenersBefore,
      listenersAfter: await globalListeners(soak),
      traffic: await soak.page.evaluate(() => window.traffic()),
      warmUpRequests,
      problems: soak.problems,
    };
  } finally {
    await soak.close();
  }
}

/** The control: the same hostFetch traffic on a fresh soak page, with no widget. */
export function keptByControl(browser, serverUrl, { traffic, warmUpRequests }) {
  return keptBy(
    browser,
    serverUrl,
    (page) => page.evaluate(([traffic, from]) => window.replay(traffic, from), [traffic, warmUpRequests]),
    (page) => page.evaluate(([traffic, to]) => window.replay(traffic, 0, to), [traffic, warmUpRequests]),
  );
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
