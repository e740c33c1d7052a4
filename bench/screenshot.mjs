// `make screenshot`: the preview on the demo org, as headless Chromium shows it, written to
// docs/preview.png for the README.
import { serve, launch } from "../tests/e2e/support.mjs";

const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(`${server.url}/preview/index.html`);
  // Both views ready: the conversation on the left, the Insight Card on the right.
  await page.waitForFunction(() => [...document.querySelectorAll("[data-state]")].filter((el) => el.dataset.state === "ready").length >= 2, null, { timeout: 20000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: new URL("../docs/preview.png", import.meta.url).pathname });
  console.log("docs/preview.png written");
} finally {
  await browser.close();
  await server.close();
}
