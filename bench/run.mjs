// `make bench`: bundle sizes, the conversation view's render time for long conversations
// beside a plain-DOM baseline doing the same work in the same browser run, and the
// Salesforce requests an Insight Card load spends, and the memory a view keeps per cycle of
// mount, update() and unmount.
// Results go to bench-results/ and to the console.
import { readFile, mkdir, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { serve, launch } from "../tests/e2e/support.mjs";
import { keptBy, keptByControl } from "../tests/e2e/memory.mjs";

const BUDGET_KB = 150;
const RUNS = 5;
// Cycles of the memory runs (the soak test in `make test` runs 300), after warm-up cycles.
const MEMORY_CYCLES = 100;
const WARM_UP_CYCLES = 20;
const SIZES = [500, 2000, 5000, 10000];

async function sizes(folder) {
  const out = {};
  for (const file of ["kustomer-salesforce-widget_bg.wasm", "kustomer-salesforce-widget.js"]) {
    const bytes = await readFile(new URL(`../${folder}/${file}`, import.meta.url));
    out[file] = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  return out;
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Each host loads one release module: the conversation view's or the Insight Card's.
const release = { conversation: await sizes("dist/conversation"), insight: await sizes("dist/insight") };
const preview = await sizes("dist-preview");
const total = (set) => Object.values(set).reduce((sum, file) => sum + file.gzip, 0);

const server = await serve();
const browser = await launch();
const page = await browser.newPage();
await page.goto(`${server.url}/bench/bench.html`);
await page.waitForFunction(() => window.benchReady);
const render = [];
for (const count of SIZES) {
  const widget = [];
  const baseline = [];
  for (let run = 0; run < RUNS; run++) {
    // Alternate so that neither side always runs on a warmer page.
    widget.push(await page.evaluate((n) => window.runWidget(n), count));
    baseline.push(await page.evaluate((n) => window.runBaseline(n), count));
  }
  render.push({
    messages: count,
    widgetFirstBatchMs: median(widget.map((r) => r.firstBatch)),
    baselineFirstBatchMs: median(baseline.map((r) => r.firstBatch)),
    widgetAllMs: median(widget.map((r) => r.everything)),
    baselineAllMs: median(baseline.map((r) => r.everything)),
    rendered: widget[0].rendered,
    // The page's size and its longest task while reading back (the worst of the runs).
    maxNodes: Math.max(...widget.map((r) => r.maxNodes)),
    longestTaskMs: Math.max(...widget.map((r) => r.longestTask)),
  });
}
// Find at 10,000 messages (answers at once: what is timed is the widget's own work).
const SEARCH_MESSAGES = 10000;
const searchRuns = [];
for (let run = 0; run < 3; run++) searchRuns.push(await page.evaluate((n) => window.runSearch(n), SEARCH_MESSAGES));
const search = {
  messages: SEARCH_MESSAGES,
  indexMs: median(searchRuns.map((r) => r.indexMs)),
  queries: Object.fromEntries(Object.keys(searchRuns[0].queries).map((query) => [query, {
    lastKeystrokeMs: median(searchRuns.map((r) => r.queries[query].lastKeystrokeMs)),
    slowestKeystrokeMs: Math.max(...searchRuns.map((r) => r.queries[query].slowestKeystrokeMs)),
    result: searchRuns[0].queries[query].result,
  }])),
  longestTaskMs: Math.max(...searchRuns.map((r) => r.longestTask)),
};
const cardRuns = { widget: [], baseline: [] };
for (let run = 0; run < RUNS; run++) {
  cardRuns.widget.push(await page.evaluate(() => window.runCard()));
  cardRuns.baseline.push(await page.evaluate(() => window.runCardBaseline()));
}
const card = {
  records: cardRuns.widget[0].records,
  widgetMs: median(cardRuns.widget.map((r) => r.ms)),
  baselineMs: median(cardRuns.baseline.map((r) => r.ms)),
};
card.ratio = card.widgetMs / card.baselineMs;
const salesforce = await page.evaluate(() => window.countSalesforce());

// Behind a network: every answer DELAY_MS late (±30%, fixed seeds), as through a Case
// page's relay. Times are also given in round trips (ms / DELAY_MS), the way agents wait.
const DELAY_MS = 150;
const NETWORK_PAGES = [1, 5, 20, 100];
const NETWORK_RUNS = 3;
const network = [];
for (const pages of NETWORK_PAGES) {
  const count = pages === 1 ? 50 : pages * 100;
  const widget = [];
  const walk = [];
  for (let run = 0; run < NETWORK_RUNS; run++) {
    widget.push(await page.evaluate(([n, d, s]) => window.runNetwork(n, d, s), [count, DELAY_MS, 17 + run]));
    walk.push(await page.evaluate(([n, d, s]) => window.runWalk(n, d, s), [count, DELAY_MS, 17 + run]));
  }
  network.push({
    pages,
    messages: count,
    firstMessageMs: median(widget.map((r) => r.firstMessage)),
    readyMs: median(widget.map((r) => r.ready)),
    readBackMs: median(widget.map((r) => r.readBack)),
    requestsAtFirstMessage: Math.max(...widget.map((r) => r.requestsAtFirst)),
    requests: Math.max(...widget.map((r) => r.requests)),
    maxInFlight: Math.max(...widget.map((r) => r.maxInFlight)),
    walkFirstMessageMs: median(walk.map((r) => r.firstMessage)),
    walkRequests: walk[0].requests,
    walkMaxInFlight: Math.max(...walk.map((r) => r.maxInFlight)),
  });
}
const cardNetworkRuns = [];
for (let run = 0; run < NETWORK_RUNS; run++) cardNetworkRuns.push(await page.evaluate(([d, s]) => window.runCardNetwork(d, s), [DELAY_MS, 41 + run]));
const cardNetwork = {
  readyMs: median(cardNetworkRuns.map((r) => r.ready)),
  requests: Math.max(...cardNetworkRuns.map((r) => r.requests)),
  maxInFlight: Math.max(...cardNetworkRuns.map((r) => r.maxInFlight)),
};
// 500 agents each opening 200 cards a day, every one a first load in its browser: the
// worst case, since a card reopened within 5 minutes is served from the browser.
const AGENTS = 500;
const CARDS_PER_AGENT = 200;
salesforce.projectedDailyRequests = AGENTS * CARDS_PER_AGENT * salesforce.firstLoad;
// Bytes each cycle keeps beyond a control run of the same hostFetch traffic with no
// widget, on the soak test's page: the JS heap after gc() (V8's and the DOM's) and the
// WebAssembly memory, read after warm-up cycles so that what the first mounts set up once
// is left out.
const memoryRuns = {
  "conversation view: mount, ready, update(), ready, unmount": (cycles) => (page) =>
    page.evaluate((cycles) => window.conversationCycles(cycles), cycles),
  "Insight Card: update() to the other customer, then (as many again) mount, ready, unmount": (cycles) => (page) =>
    page.evaluate((cycles) => window.cardCycles(cycles, cycles), cycles),
};
const memory = [];
for (const [name, run] of Object.entries(memoryRuns)) {
  const widget = await keptBy(browser, server.url, run(MEMORY_CYCLES), run(WARM_UP_CYCLES));
  const control = await keptByControl(browser, server.url, widget);
  memory.push({
    name,
    cycles: MEMORY_CYCLES,
    heapBytesPerCycle: (widget.js + widget.dom - control.js - control.dom) / MEMORY_CYCLES,
    wasmBytesPerCycle: (widget.wasm - control.wasm) / MEMORY_CYCLES,
    widget: { js: widget.js, dom: widget.dom, wasm: widget.wasm },
    control: { js: control.js, dom: control.dom, wasm: control.wasm },
  });
}
await browser.close();
await server.close();

const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log("Bundle (gzip -9)");
const modules = [
  ["release module, conversation view (dist/conversation/, Salesforce Case page)", release.conversation],
  ["release module, Insight Card (dist/insight/, Kustomer sidebar)", release.insight],
  ["preview with both views and the demo org (dist-preview/)", preview],
];
for (const [name, set] of modules) {
  const files = Object.entries(set).map(([file, s]) => `${file} ${kb(s.raw)} KB raw, ${kb(s.gzip)} KB gzip`).join("; ");
  console.log(`  ${name}: ${files}; total ${kb(total(set))} KB gzip`);
}
for (const [view, set] of Object.entries(release)) {
  const verdict = total(set) / 1024 <= BUDGET_KB ? "within" : "OVER";
  console.log(`  ${view} module total ${kb(total(set))} KB against a budget of ${BUDGET_KB} KB: ${verdict}`);
}
console.log(`\nConversation view, median of ${RUNS} runs (ms)`);
console.log("  messages | widget: first 100 | baseline: first 100 | ratio | widget: all batches | baseline: all batches | ratio");
for (const row of render) {
  row.firstRatio = row.widgetFirstBatchMs / row.baselineFirstBatchMs;
  row.allRatio = row.widgetAllMs / row.baselineAllMs;
  console.log(
    `  ${String(row.messages).padStart(8)} | ${row.widgetFirstBatchMs.toFixed(1).padStart(17)} | ${row.baselineFirstBatchMs.toFixed(1).padStart(19)} | ${row.firstRatio.toFixed(2).padStart(5)} | ${row.widgetAllMs.toFixed(1).padStart(19)} | ${row.baselineAllMs.toFixed(1).padStart(21)} | ${row.allRatio.toFixed(2).padStart(5)}`,
  );
}
console.log("\nReading back through a long conversation (worst of the runs)");
for (const row of render) {
  console.log(`  ${String(row.messages).padStart(8)} messages: every one shown (${row.rendered}), at most ${row.maxNodes} elements in the page, ${row.longestTaskMs ? `longest task ${row.longestTaskMs.toFixed(0)} ms` : "no task over 50 ms"}`);
}
console.log(`\nFind in ${search.messages} messages, median of ${searchRuns.length} runs`);
console.log(`  Find to the index ready (every page read and indexed): ${search.indexMs.toFixed(0)} ms`);
for (const [query, row] of Object.entries(search.queries)) {
  console.log(`  "${query}": ${row.result}; last keystroke to results on screen ${row.lastKeystrokeMs.toFixed(1)} ms, slowest keystroke ${row.slowestKeystrokeMs.toFixed(1)} ms`);
}
console.log(`  ${search.longestTaskMs ? `longest task ${search.longestTaskMs.toFixed(0)} ms` : "no task over 50 ms"}`);
console.log(`\nInsight Card with ${card.records} records and the Case section, mount to ready (median of ${RUNS} runs)`);
console.log(`  widget ${card.widgetMs.toFixed(1)} ms, plain DOM ${card.baselineMs.toFixed(1)} ms, ratio ${card.ratio.toFixed(2)}`);
console.log("\nInsight Card, Salesforce requests");
console.log(`  first load: ${salesforce.firstLoad}; the same customer again at once: ${salesforce.repeatedLoad}`);
console.log(
  `  projected daily cost, ${AGENTS} agents x ${CARDS_PER_AGENT} cards x ${salesforce.firstLoad} requests = ${salesforce.projectedDailyRequests} requests (worst case: every card a first load)`,
);
const trips = (ms) => (ms / DELAY_MS).toFixed(1);
console.log(`\nBehind a network: every answer ${DELAY_MS} ms late (±30%), median of ${NETWORK_RUNS} runs; round trips = ms / ${DELAY_MS}`);
console.log("  pages | widget: first message      | ready                      | 1 step back | requests (at first message) | most in flight | page-by-page walk: first message | requests | in flight");
for (const row of network) {
  console.log(
    `  ${String(row.pages).padStart(5)} | ${trips(row.firstMessageMs).padStart(4)} trips, ${row.firstMessageMs.toFixed(0).padStart(5)} ms | ${trips(row.readyMs).padStart(4)} trips, ${row.readyMs.toFixed(0).padStart(5)} ms | ${trips(row.readBackMs).padStart(4)} trips | ${String(row.requests).padStart(8)} (${row.requestsAtFirstMessage}) | ${String(row.maxInFlight).padStart(14)} | ${trips(row.walkFirstMessageMs).padStart(6)} trips, ${row.walkFirstMessageMs.toFixed(0).padStart(6)} ms | ${String(row.walkRequests).padStart(8)} | ${row.walkMaxInFlight}`,
  );
}
console.log(`  Insight Card with the Case section: ready in ${trips(cardNetwork.readyMs)} round trips (${cardNetwork.readyMs.toFixed(0)} ms), ${cardNetwork.requests} requests, at most ${cardNetwork.maxInFlight} in flight`);
console.log(`\nMemory kept per cycle beyond a control with the same hostFetch traffic and no widget (${MEMORY_CYCLES} cycles after ${WARM_UP_CYCLES}, after gc())`);
for (const row of memory) {
  console.log(`  ${row.name}: JS heap ${row.heapBytesPerCycle.toFixed(0)} bytes, WebAssembly memory ${row.wasmBytesPerCycle.toFixed(0)} bytes`);
}
await mkdir(new URL("../bench-results/", import.meta.url), { recursive: true });
await writeFile(
  new URL("../bench-results/latest.json", import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), budgetKb: BUDGET_KB, release, preview, render, search, card, salesforce, delayMs: DELAY_MS, network, cardNetwork, memory }, null, 2),
);
