// Runs inside the host page: a hostFetch that puts one hostile string in every place
// Kustomer and Salesforce data can carry it, the mounts that show it, and a check of
// what the widget's DOM holds afterwards.
(() => {
  // What the widget itself writes; anything else in its DOM came from content.
  const TAGS = new Set(["div", "section", "header", "article", "h2", "h3", "h4", "p", "span", "strong", "a", "button",
    "ul", "li", "dl", "dt", "dd", "time", "iframe", "img", "table", "thead", "tbody", "tr", "th", "td", "details",
    "summary", "pre", "style", "input", "select", "option", "mark"]);
  const ATTRIBUTES = new Set(["class", "dir", "href", "target", "rel", "title", "scope", "referrerpolicy", "hidden",
    "srcdoc", "sandbox", "type", "download", "datetime", "alt", "src", "role", "open", "placeholder", "value", "selected",
    "readonly", "tabindex"]);
  const EMAIL_SANDBOX = "allow-same-origin allow-popups allow-popups-to-escape-sandbox";

  function safeUrl(value, tag) {
    const trimmed = value.trim().toLowerCase();
    if (/^(https?:|mailto:|tel:)/.test(trimmed)) return true;
    if (trimmed.startsWith("data:")) {
      const mime = trimmed.slice(5).split(/[;,]/)[0];
      return !/html|svg|xml|javascript/.test(mime) && (tag === "a" || tag === "img");
    }
    return false;
  }

  /** Findings about one mounted widget: anything in its DOM that is not its own. */
  function inspect(element) {
    const findings = [];
    const root = element.querySelector(".ksw-host")?.shadowRoot;
    if (!root) return ["no shadow root"];
    const styles = root.querySelectorAll("style").length;
    if (styles !== 1) findings.push(`${styles} style elements`);
    for (const node of root.querySelectorAll("*")) {
      const tag = node.localName;
      if (node.namespaceURI !== "http://www.w3.org/1999/xhtml") findings.push(`foreign element <${tag}>`);
      if (!TAGS.has(tag)) findings.push(`element <${tag}>`);
      for (const { name, value } of node.attributes) {
        // The widget sizes each email frame to its content.
        const sizing = name === "style" && tag === "iframe" && /^height: \d+px$/.test(value);
        if (!ATTRIBUTES.has(name) && !name.startsWith("data-") && !name.startsWith("aria-") && !sizing) {
          findings.push(`attribute ${name} on <${tag}>`);
        }
        if ((name === "href" || name === "src" || name === "data-src") && !safeUrl(value, tag)) {
          findings.push(`${name}="${value.slice(0, 60)}" on <${tag}>`);
        }
        if (name === "class" && value.split(/\s+/).some((token) => token && !token.startsWith("ksw-"))) {
          findings.push(`class="${value.slice(0, 60)}"`);
        }
      }
      if (tag === "iframe" && (node.getAttribute("sandbox") !== EMAIL_SANDBOX || !node.classList.contains("ksw-email-frame"))) {
        findings.push(`iframe sandbox="${node.getAttribute("sandbox")}"`);
      }
      if (tag === "img" && !node.classList.contains("ksw-preview")) findings.push("an image that is not a preview");
      if (tag === "style" && node !== root.querySelector("style")) findings.push("a second style element");
    }
    // Inside each email's frame: the policy first, nothing that could loosen it or
    // redirect links.
    // The email may clobber its document's properties (`<img name=querySelector>`), so
    // the document is read through the prototypes' own methods.
    const all = (node, selector) => [...Document.prototype.querySelectorAll.call(node, selector)];
    for (const frame of root.querySelectorAll("iframe")) {
      const doc = frame.contentDocument;
      if (!doc) continue;
      const metas = all(doc, "meta[http-equiv]");
      if (metas[0]?.getAttribute("http-equiv") !== "Content-Security-Policy" || metas[0].parentNode.localName !== "head") {
        findings.push("email frame without its policy first");
      }
      if (metas.length !== 1) findings.push("an email's own meta http-equiv");
      const bases = all(doc, "base");
      if (bases.length !== 1 || bases[0].hasAttribute("href")) findings.push("an email's own base");
    }
    return findings;
  }

  /** A Kustomer and Salesforce that answer with `p` in every field they have. */
  function hostFetchFor(p, id) {
    const kustomer = {
      [`/v1/conversations/h${id}`]: { data: { id: `h${id}`, type: "conversation", attributes: {
        name: p, status: p, priority: p, channels: ["email", p], assignedUsers: [`u${id}`, p], spam: false,
        createdAt: p, updatedAt: "2026-11-20T10:00:00.000Z",
        custom: { syncToSalesforceBool: true, caseTypeStr: p } },
        relationships: { customer: { data: { type: "customer", id: `k${id}` } } } } },
      [`/v1/customers/k${id}`]: { data: { id: `k${id}`, type: "customer", attributes: {
        displayName: p, name: p, emails: [{ email: p }, { email: `hostile${id}@example.com` }], phones: [{ phone: p }],
        company: p } } },
      [`/v1/users/u${id}`]: { data: { id: `u${id}`, attributes: { displayName: p, email: p } } },
      [`/v1/conversations/h${id}/messages?page=1&pageSize=100`]: { data: [
        { id: `m1-${id}`, attributes: { channel: "email", direction: "in", sentAt: "2026-11-20T10:00:00.000Z",
          htmlBody: `<p>Hello</p>${p}<div class="gmail_quote">On Mon wrote:<blockquote>${p}</blockquote></div>`,
          meta: { from: p, to: [p, { email: p, name: p }], cc: p, subject: p } } },
        { id: `m2-${id}`, attributes: { channel: "chat", direction: "out", sentAt: "2026-11-20T10:01:00.000Z", body: `${p}\n\nOn Monday Sam wrote:\n> ${p}` },
          relationships: { createdBy: { data: { type: "user", id: `u${id}` } } } },
        { id: `m3-${id}`, attributes: { channel: "sms", direction: "in", sentAt: p, body: `text ${p}`, meta: { from: p } } },
        { id: `m4-${id}`, attributes: { channel: "voice", direction: "in", sentAt: "2026-11-20T10:03:00.000Z",
          meta: { status: p, placedAt: "2026-11-20T10:03:00.000Z", duration: 61, externalRecordingUrl: p, from: p, to: [p] } } },
        { id: `m5-${id}`, attributes: { channel: p, direction: p, sentAt: "2026-11-20T10:04:00.000Z", preview: p, meta: { permalink: p } } },
      ], links: { next: null } },
      [`/v1/conversations/h${id}/attachments?page=1&pageSize=100`]: { data: [
        { id: `a1-${id}`, attributes: { name: p, contentType: p, contentLength: 10 },
          relationships: { message: { data: { id: `m1-${id}` } } }, links: { related: p } },
        { id: `a2-${id}`, attributes: { name: `${p}.png`, contentType: "image/png", contentLength: 10 },
          relationships: { message: { data: { id: `m2-${id}` } } }, links: { related: p } },
        { id: `a3-${id}`, attributes: { name: p, contentType: "text/html", contentLength: 10 },
          relationships: { message: { data: { id: p } } }, links: { related: `data:text/html,${p}` } },
      ] },
    };
    const person = (type) => ({ attributes: { type }, Id: p, Name: p, Title: p, Email: p, Phone: p, AccountId: `001${id}`,
      Account: { Name: p }, Owner: { Name: p }, Company: p, Status: p, LeadSource: p, Department: p });
    const account = { attributes: { type: "Account" }, Id: `001${id}`, Name: p, Parent: { Name: p }, Industry: p,
      Contacts: { totalSize: 1, done: true, records: [{ Email: `hostile${id}@example.com` }] },
      Opportunities: { totalSize: 2, done: true, records: [
        { Id: p, Name: p, StageName: p, Amount: 1200, CloseDate: p, Probability: 10, IsClosed: false, IsWon: false },
        { Id: `006${id}`, Name: p, StageName: p, Amount: p, CloseDate: "2026-12-01", Probability: p, IsClosed: true, IsWon: true },
      ] } };
    const salesforce = (path) => {
      if (path.includes("/search/")) return { searchRecords: [person("Contact"), person("Lead")] };
      if (path.includes("FROM+Case") || path.includes("FROM%20Case") || decodeURIComponent(path).includes("FROM Case")) {
        return { totalSize: 1, done: true, records: [{ Id: p, CaseNumber: p, Status: p, Subject: p }] };
      }
      return { totalSize: 1, done: true, records: [account] };
    };
    return async (request) => {
      window.hostileRequests.push(request.path);
      const body = request.service === "salesforce" ? salesforce(request.path) : kustomer[request.path];
      return body === undefined
        ? { status: 404, headers: {}, body: JSON.stringify({ errors: [{ code: "not.found", title: p }] }) }
        : { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    };
  }

  const settled = (element) => ["ready", "empty", "error", "disabled"].includes(element.dataset.state);

  async function until(condition, what) {
    for (let i = 0; i < 400; i++) {
      if (condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** Email frames load after the view is ready; their checks need their documents. */
  async function framesLoaded(element) {
    const root = element.querySelector(".ksw-host")?.shadowRoot;
    const frames = root ? [...root.querySelectorAll("iframe")] : [];
    // A frame first holds an empty about:blank document; the email is the srcdoc one.
    const loaded = (frame) => {
      const doc = frame.contentDocument;
      return doc && Object.getOwnPropertyDescriptor(Document.prototype, "URL").get.call(doc) === "about:srcdoc"
        && Object.getOwnPropertyDescriptor(Document.prototype, "readyState").get.call(doc) === "complete"
        && Document.prototype.querySelector.call(doc, "meta[http-equiv]") !== null;
    };
    await until(() => frames.every(loaded), "email frames");
  }

  /** Presses every control that shows more of the content (not remote content). */
  function expandEverything(element) {
    const root = element.querySelector(".ksw-host")?.shadowRoot;
    for (const button of root?.querySelectorAll("[data-action=text-quote], [data-action=email-quote], [data-action=preview]") ?? []) {
      button.click();
    }
  }

  function box() {
    const element = document.createElement("div");
    element.style.width = "360px";
    document.body.append(element);
    return element;
  }

  /**
   * Shows `p` everywhere: the conversation view, the Insight Card with its Case
   * section, and config strings. Resolves to the findings, keyed by where they were.
   */
  async function showEverywhere(p, id) {
    const fetch = hostFetchFor(p, id);
    const mounts = {
      conversation: [{ view: "conversation", context: { conversationId: `h${id}` }, transport: { kind: "host" }, timeZone: "UTC" }],
      card: [{ view: "insight", context: { customerEmails: [`hostile${id}@example.com`, p], conversationId: `h${id}` },
        transport: { kind: "host" }, salesforce: { subdomain: `hostile-${id}`, currency: "USD" },
        fields: { contact: ["Department"], account: ["Industry"], lead: [p] },
        caseSync: { enabled: true, customMapping: { body: `{"Subject":"{{conversation.name}}","X":"${p.replaceAll('"', "'")}"}`, urlArgs: p } } }],
      "config strings": [
        { view: "conversation", context: { conversationId: p }, transport: { kind: "host" } },
        { view: "conversation", context: { conversationId: `h${id}` }, transport: { kind: "host" }, kustomer: { org: p } },
        { view: "conversation", context: { conversationId: `h${id}` }, transport: { kind: "host" }, kustomer: { conversationUrl: p } },
        { view: "conversation", context: { conversationId: `h${id}` }, transport: { kind: "host" }, locale: p },
        { view: "conversation", context: { conversationId: `h${id}` }, transport: { kind: "host" }, timeZone: p },
        { view: "insight", context: { customerEmails: [p] }, transport: { kind: "host" }, salesforce: { subdomain: p } },
        { view: "insight", context: { customerId: p }, transport: { kind: "host" }, salesforce: { subdomain: "acme" } },
        { view: "insight", context: { customerEmails: ["a@b.co"] }, transport: { kind: "host" }, salesforce: { subdomain: "acme" },
          caseSync: { syncAttribute: p, recordTypeId: p } },
        { [p]: p, view: "conversation", context: { conversationId: "x" }, transport: { kind: p } },
      ],
    };
    const findings = {};
    for (const [place, configs] of Object.entries(mounts)) {
      for (const config of configs) {
        const element = box();
        const handle = window.widget.mount(element, config, fetch);
        await until(() => settled(element), `${place} to settle`);
        await framesLoaded(element);
        expandEverything(element);
        // Showing quoted text gives a frame a new document.
        await new Promise((resolve) => setTimeout(resolve, 30));
        await framesLoaded(element);
        const found = inspect(element);
        if (found.length) (findings[place] ??= []).push(...found);
        handle.unmount();
        element.remove();
      }
    }
    return findings;
  }

  window.hostileRequests = [];
  window.__pwned = [];
  window.__pwn = (id) => window.__pwned.push(id);
  window.hostile = { showEverywhere, inspect };
})();
