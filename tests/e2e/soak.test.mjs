// A long day in one page: the widget mounted, re-pointed and unmounted hundreds of times
// keeps no memory and no listener. Each run is measured against a control: the same
// hostFetch traffic on the same page with no widget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser } from "./support.mjs";
import { keptBy, keptByControl, kb } from "./memory.mjs";

const shared = serverAndBrowser();
const CYCLES = 300;
// Growth allowed beyond the control's, for the JS heap (V8's objects and the DOM's) and for
// WebAssembly memory each. The figures include a record per email frame's document that the
// DevTools session driving the page keeps (Blink's NetworkResourcesData, about 0.3 KB each);
// a page without DevTools attached keeps no such thing.
const MARGIN = 1024 * 1024;

async function assertKeepsNothing(name, drive) {
  const widget = await keptBy(shared.browser, shared.server.url, drive);
  const control = await keptByControl(shared.browser, shared.server.url, widget);
  const heap = (run) => run.js + run.dom;
  const summary = `${name}: JS heap +${kb(heap(widget))} (V8 +${kb(widget.js)}, DOM +${kb(widget.dom)}; control +${kb(heap(control))}), ` +
    `WebAssembly memory +${kb(widget.wasm)} (control +${kb(control.wasm)}), ${widget.traffic.sent.length} requests`;
  console.log(summary);
  assert.deepEqual(widget.problems, []);
  assert.equal(control.traffic.sent.length, widget.traffic.sent.length, "the control made the same requests");
  assert.ok(heap(widget) - heap(control) <= MARGIN, `JS heap kept beyond the control's: ${summary}`);
  assert.ok(widget.wasm - control.wasm <= MARGIN, `WebAssembly memory kept beyond the control's: ${summary}`);
  assert.deepEqual(widget.listenersAfter, widget.listenersBefore, "no listener left on window or document");
}

test(`the conversation view: ${CYCLES} mounts, update()s and unmounts keep nothing`, async () => {
  await assertKeepsNothing("conversation view", (page) => page.evaluate((cycles) => window.conversationCycles(cycles), CYCLES));
});

test(`the Insight Card: ${CYCLES} update()s between customers, then ${CYCLES} mounts and unmounts, keep nothing`, async () => {
  await assertKeepsNothing("Insight Card", (page) => page.evaluate((cycles) => window.cardCycles(cycles, cycles), CYCLES));
});

test(`the conversation view: ${CYCLES} mounts whose element the host took out of the page without unmount() keep nothing`, async () => {
  await assertKeepsNothing("conversation view, elements removed", (page) => page.evaluate((cycles) => window.detachedCycles(cycles), CYCLES));
});
