// Accessibility of both views on the preview page, checked by axe-core inside Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { serverAndBrowser, waitForState } from "./support.mjs";

const require = createRequire(import.meta.url);
const shared = serverAndBrowser();

async function violations(page, selector) {
  const source = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: source });
  return page.evaluate(async (selector) => {
    // axe reaches into open shadow roots by itself.
    const result = await window.axe.run(document.querySelector(selector), { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target?.join(" ")}`);
  }, selector);
}

for (const conversation of ["6140cefd91ffddd18144e08b", "6140cefd91ffddd18144c008", "6140cefd91ffddd18144c002"]) {
  test(`no serious accessibility violations: conversation ${conversation} and its Insight Card`, async () => {
    const page = await shared.browser.newPage();
    await page.goto(`${shared.server.url}/preview/`);
    await page.selectOption("#conversation", conversation);
    await waitForState(page, "#conversation-widget", "ready");
    await waitForState(page, "#insight-widget", "ready").catch(() => waitForState(page, "#insight-widget", "empty"));
    await page.waitForSelector("#insight-widget .ksw-host");
    assert.deepEqual(await violations(page, "#conversation-widget"), []);
    assert.deepEqual(await violations(page, "#insight-widget"), []);
    await page.close();
  });
}
