import { createElement } from "lwc";
import { getRecord } from "lightning/uiRecordApi";
import { registerRefreshHandler, unregisterRefreshHandler } from "lightning/refresh";
// sfdx-lwc-jest's stub: a test wire adapter whose emit() plays a page reference
// (src/lightning-stubs/navigation/navigation.js).
import { CurrentPageReference } from "lightning/navigation";
import { log } from "lightning/logger";
import send from "@salesforce/apex/KustomerApiProxy.send";
import sendBatch from "@salesforce/apex/KustomerApiProxy.sendBatch";
import KustomerConversation, { LOGGED_AS, NO_CONVERSATION, REQUEST_TIMEOUT_MS, missingField } from "c/kustomerConversation";

jest.mock("@salesforce/apex/KustomerApiProxy.send", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/KustomerApiProxy.sendBatch", () => ({ default: jest.fn() }), { virtual: true });
// sfdx-lwc-jest ships no stub for lightning/logger (salesforce/sfdx-lwc-jest#423), so the
// module is a virtual mock, as jongpie/NebulaLogger's logger.test.js mocks it.
jest.mock("lightning/logger", () => ({ log: jest.fn() }), { virtual: true });

const FIELD = "KustomerApp__Conversation_Id__c";
const CASE = { apiName: "Case", id: "500A", fields: { [FIELD]: { value: "6140cefd91ffddd18144e08b" } } };
const CASE_WITHOUT = { apiName: "Case", id: "500B", fields: { [FIELD]: { value: null } } };
// An org without Kustomer's managed package: getRecord leaves an optional field it lacks out.
const CASE_NO_FIELD = { apiName: "Case", id: "500C", fields: {} };

// jsdom has no MessageChannel. Two linked ports that deliver asynchronously and hold
// messages until the receiving port is started by setting onmessage, as browsers do (HTML,
// "message ports"); the real one runs in tests/e2e/salesforce-frame.test.mjs.
class Port {
  queue = [];
  handler = null;
  closed = false;
  set onmessage(handler) {
    this.handler = handler;
    this.drain();
  }
  get onmessage() {
    return this.handler;
  }
  postMessage(data) {
    if (this.closed) return;
    this.other.queue.push(data);
    this.other.drain();
  }
  drain() {
    setTimeout(() => {
      while (this.handler && !this.closed && this.queue.length) this.handler({ data: this.queue.shift() });
    }, 0);
  }
  close() {
    this.closed = true;
  }
}
class Channel {
  constructor() {
    this.port1 = new Port();
    this.port2 = new Port();
    this.port1.other = this.port2;
    this.port2.other = this.port1;
  }
}

function mountComponent(props = {}) {
  const element = createElement("c-kustomer-conversation", { is: KustomerConversation });
  Object.assign(element, { recordId: "500A", ...props });
  document.body.appendChild(element);
  return element;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A window message as `source` sends it from `origin`. */
function fromWindow(source, message, origin) {
  window.dispatchEvent(new MessageEvent("message", { data: { protocol: "ksw-frame", version: 3, ...message }, origin, source }));
}

/** The component with its frame, whose window's postMessage is recorded. */
async function framed(props) {
  const element = mountComponent(props);
  getRecord.emit(CASE);
  await flush();
  const frame = element.shadowRoot.querySelector("iframe.widget");
  const posted = [];
  frame.contentWindow.postMessage = (message, origin, transfer) => posted.push({ message, origin, transfer });
  return { element, frame, posted };
}

/** Plays the frame's side of the handshake from `origin`; resolves to the frame's port and what it heard. */
async function connected(origin = "null", props) {
  const setup = await framed(props);
  fromWindow(setup.frame.contentWindow, { type: "ready" }, origin);
  await flush();
  const port = setup.posted[0]?.transfer?.[0];
  const heard = [];
  if (port) port.onmessage = (event) => heard.push(event.data);
  await flush();
  return { ...setup, port, heard };
}

const toFrame = (port, message) => port.postMessage({ protocol: "ksw-frame", version: 3, ...message });
const REQUEST = { type: "requests", requests: [{ id: 7, request: { service: "kustomer", method: "GET", path: "/v1/conversations/c1" } }] };
/** sendBatch answering each path with `answer(path)`. */
const answering = (answer) => sendBatch.mockImplementation(async ({ paths }) => paths.map(answer));

beforeEach(() => {
  global.MessageChannel = Channel;
  // The static resource's WebAssembly, as the component reads it on the page's origin.
  global.fetch = jest.fn(() => Promise.resolve({ ok: true, status: 200, arrayBuffer: () => Promise.resolve(new Uint8Array([0, 97, 115, 109]).buffer) }));
  jest.spyOn(console, "info").mockImplementation(() => {});
});

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.restoreAllMocks();
  jest.clearAllMocks();
  delete global.MessageChannel;
  delete global.fetch;
});

describe("reading the Case", () => {
  it("says so when the Case has no Kustomer conversation, and frames nothing", async () => {
    const element = mountComponent({ recordId: "500B" });
    getRecord.emit(CASE_WITHOUT);
    await flush();
    expect(element.shadowRoot.querySelector(".notice").textContent).toBe(NO_CONVERSATION);
    expect(element.shadowRoot.querySelector("iframe")).toBeNull();
  });

  it("reads the field by the API name App Builder gives, as an optional string field", async () => {
    mountComponent({ conversationIdField: "Legacy_Conversation__c" });
    await flush();
    expect(getRecord.getLastConfig()).toEqual({ recordId: "500A", optionalFields: ["Case.Legacy_Conversation__c"] });
  });

  it("reads Kustomer's managed package field when App Builder names none", async () => {
    mountComponent();
    await flush();
    expect(getRecord.getLastConfig().optionalFields).toEqual([`Case.${FIELD}`]);
  });

  it("names the field a Case lacks, and frames nothing", async () => {
    const element = mountComponent({ recordId: "500C" });
    getRecord.emit(CASE_NO_FIELD);
    await flush();
    expect(element.shadowRoot.querySelector(".notice").textContent).toBe(missingField(FIELD));
    expect(missingField(FIELD)).toContain(FIELD);
    expect(element.shadowRoot.querySelector("iframe")).toBeNull();
  });

  it("names a field setting that is not an API name", async () => {
    const element = mountComponent({ conversationIdField: "Case.Conversation Id" });
    getRecord.emit(CASE);
    await flush();
    expect(element.shadowRoot.querySelector(".notice").textContent).toMatch(/"Case\.Conversation Id" is not a field API name/);
    expect(element.shadowRoot.querySelector("iframe")).toBeNull();
  });
});

describe("the frame and its handshake", () => {
  it("frames the widget page from the static resource with the page's origin and a nonce", async () => {
    const { frame } = await framed();
    const src = new URL(frame.src);
    expect(src.pathname).toMatch(/KustomerWidget\/frame\.html$/);
    expect(src.searchParams.get("parentOrigin")).toBe(window.location.origin);
    expect(src.searchParams.get("nonce")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("answers a sandboxed frame's ready (origin null) with one port and the nonce, then mounts on the port", async () => {
    const { frame, posted, port, heard } = await connected("null", { kustomerOrg: "acme", theme: "kustomer", locale: "de-DE" });
    expect(posted).toHaveLength(1);
    expect(posted[0].origin).toBe("*");
    expect(posted[0].message).toEqual({ protocol: "ksw-frame", version: 3, type: "connect", nonce: new URL(frame.src).searchParams.get("nonce") });
    expect(posted[0].transfer).toEqual([port]);
    // The mount, and the WebAssembly's bytes the frame starts before it mounts.
    expect(heard.map((message) => message.type).sort()).toEqual(["module", "mount"]);
    expect(heard[0]).toMatchObject({ protocol: "ksw-frame", version: 3, type: "mount" });
    expect(heard[0].config).toMatchObject({
      view: "conversation",
      context: { conversationId: "6140cefd91ffddd18144e08b" },
      transport: { kind: "host", timeoutMs: REQUEST_TIMEOUT_MS },
      kustomer: { org: "acme" },
      theme: "kustomer",
      locale: "de-DE",
    });
    expect(console.info).toHaveBeenCalledWith(expect.stringMatching(/runs sandboxed \(origin null\)/));
  });

  it("answers an unsandboxed frame's ready from the static resource's origin the same way, and says which it was", async () => {
    const { posted, heard } = await connected(window.location.origin);
    expect(posted).toHaveLength(1);
    expect(posted[0].message.type).toBe("connect");
    expect(heard[0].type).toBe("mount");
    expect(console.info).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`runs unsandboxed, on its own origin ${window.location.origin}`)));
  });

  it("hears the frame's window only for ready, and its requests only on the port after the handshake", async () => {
    const { frame, posted } = await framed();
    fromWindow(frame.contentWindow, REQUEST, "null");
    await flush();
    expect(sendBatch).not.toHaveBeenCalled();
    expect(posted).toHaveLength(0);

    fromWindow(frame.contentWindow, { type: "ready" }, "null");
    await flush();
    const port = posted[0].transfer[0];
    port.onmessage = () => {};
    fromWindow(frame.contentWindow, REQUEST, "null");
    await flush();
    expect(sendBatch).not.toHaveBeenCalled();

    answering(() => ({ status: 200, headers: {}, body: "{}" }));
    toFrame(port, REQUEST);
    await flush();
    expect(sendBatch).toHaveBeenCalledTimes(1);
  });

  it("ignores a message from any other window, whatever its origin", async () => {
    const { posted } = await framed();
    const other = document.createElement("iframe");
    document.body.appendChild(other);
    for (const source of [window, other.contentWindow, null]) {
      for (const origin of ["null", window.location.origin, "https://evil.example"]) {
        fromWindow(source, { type: "ready" }, origin);
        fromWindow(source, REQUEST, origin);
      }
    }
    await flush();
    expect(posted).toHaveLength(0);
    expect(sendBatch).not.toHaveBeenCalled();
  });

  it("ignores the frame's window speaking from a third origin, or another protocol", async () => {
    const { frame, posted } = await framed();
    fromWindow(frame.contentWindow, { type: "ready" }, "https://evil.example");
    fromWindow(frame.contentWindow, { type: "ready", protocol: "other" }, "null");
    fromWindow(frame.contentWindow, { type: "ready", version: 1 }, "null");
    await flush();
    expect(posted).toHaveLength(0);
  });

  it("never hands a nonce over twice: a frame that asks again gets a new address", async () => {
    const { element, frame, posted } = await connected();
    const first = new URL(frame.src).searchParams.get("nonce");
    fromWindow(frame.contentWindow, { type: "ready" }, "null");
    await flush();
    expect(posted).toHaveLength(1);
    const second = new URL(element.shadowRoot.querySelector("iframe.widget").src).searchParams.get("nonce");
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
  });

  it("posts no data with the target origin \"*\": only the handshake goes there", async () => {
    answering(() => ({ status: 200, headers: {}, body: "{\"data\":{}}" }));
    const { posted, port } = await connected();
    toFrame(port, REQUEST);
    toFrame(port, { type: "height", height: 400 });
    await flush();
    await flush();
    expect(posted.map(({ message, origin }) => [origin, Object.keys(message).sort()])).toEqual([["*", ["nonce", "protocol", "type", "version"]]]);
  });
});

describe("relaying to Apex", () => {
  it("relays the frame's requests to Apex and answers on the port by id", async () => {
    answering(() => ({ status: 200, headers: { "content-type": "application/json" }, body: "{\"data\":{}}" }));
    const { port, heard } = await connected("null", { cachePartition: "local.Other", cacheSeconds: 600 });
    toFrame(port, REQUEST);
    await flush();
    await flush();
    expect(sendBatch).toHaveBeenCalledWith({ paths: ["/v1/conversations/c1"], cachePartition: "local.Other", cacheSeconds: 600 });
    expect(heard.at(-1)).toMatchObject({ type: "response", id: 7, response: { status: 200, body: "{\"data\":{}}" } });
  });

  it("uses the package's cache partition unless App Builder names another", async () => {
    answering(() => ({ status: 200, headers: {}, body: "{}" }));
    const { port } = await connected();
    toFrame(port, REQUEST);
    await flush();
    expect(sendBatch).toHaveBeenCalledWith(expect.objectContaining({ cachePartition: "local.Kustomer", cacheSeconds: 300 }));
  });

  it("keeps the relay parallel: requests sent together go in Continuations of three, each a call of its own", async () => {
    // Lightning bundles Apex calls once about five are in flight and the server then runs
    // them one after another; a Continuation is never bundled and runs three callouts side
    // by side (reference: salesforce.md 4.5). A wave of four is two calls, not four.
    const started = [];
    sendBatch.mockImplementation(({ paths }) => {
      started.push(paths);
      return new Promise((resolve) => setTimeout(() => resolve(paths.map((path) => ({ status: 200, headers: {}, body: path }))), 5));
    });
    const { port, heard } = await connected();
    const wave = ["/v1/conversations/c1", "/v1/conversations/c1/messages?page=1&pageSize=100", "/v1/conversations/c1/attachments?page=1&pageSize=100", "/v1/customers/k1"];
    toFrame(port, { type: "requests", requests: wave.map((path, index) => ({ id: index + 1, request: { service: "kustomer", method: "GET", path } })) });
    await flush();
    expect(started).toEqual([wave.slice(0, 3), wave.slice(3)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const answers = heard.filter((message) => message.type === "response");
    expect(answers.map(({ id, response }) => [id, response.body]).sort()).toEqual(wave.map((path, index) => [index + 1, path]));
  });

  it("reads an answer too large for a Continuation through the single call", async () => {
    answering(() => ({ error: "Kustomer could not be read in parallel (2004)", tooLarge: true }));
    send.mockResolvedValue({ status: 200, headers: {}, body: "{\"data\":[]}" });
    const { port, heard } = await connected();
    toFrame(port, REQUEST);
    await flush();
    await flush();
    expect(send).toHaveBeenCalledWith({ method: "GET", path: "/v1/conversations/c1", cachePartition: "local.Kustomer", cacheSeconds: 300 });
    expect(heard.at(-1)).toMatchObject({ type: "response", id: 7, response: { status: 200 } });
  });

  it("passes Apex's refusal to the frame as the request's error", async () => {
    answering((path) => ({ error: `The conversation view does not read ${path}` }));
    const { port, heard } = await connected();
    toFrame(port, { type: "requests", requests: [{ id: 3, request: { service: "kustomer", method: "GET", path: "/v1/customers/k1/notes" } }] });
    await flush();
    await flush();
    expect(heard.at(-1)).toMatchObject({ type: "response", id: 3, error: "The conversation view does not read /v1/customers/k1/notes" });
  });

  it("answers every request of a group with the error when the call fails whole", async () => {
    sendBatch.mockRejectedValue({ body: { message: "A batch holds 1 to 3 paths" } });
    const { port, heard } = await connected();
    toFrame(port, REQUEST);
    await flush();
    await flush();
    expect(heard.at(-1)).toMatchObject({ type: "response", id: 7, error: "A batch holds 1 to 3 paths" });
  });

  it("sends only GET to Apex", async () => {
    answering(() => ({ status: 200, headers: {}, body: "{}" }));
    const { port, heard } = await connected();
    toFrame(port, { type: "requests", requests: [{ id: 4, request: { service: "kustomer", method: "POST", path: "/v1/conversations/c1" } }] });
    await flush();
    await flush();
    expect(sendBatch).not.toHaveBeenCalled();
    expect(heard.at(-1)).toMatchObject({ type: "response", id: 4, error: "Only GET is allowed, not POST" });
  });

  it("sizes the frame to the height the widget reports on the port, within the maximum height", async () => {
    const { element, port } = await connected("null", { maxHeight: 900 });
    toFrame(port, { type: "height", height: 640 });
    await flush();
    expect(element.shadowRoot.querySelector("iframe.widget").style.height).toBe("640px");
    toFrame(port, { type: "height", height: 5000 });
    await flush();
    expect(element.shadowRoot.querySelector("iframe.widget").style.height).toBe("900px");
  });
});

describe("following the page", () => {
  it("passes Lightning's refresh to the widget on the port, and unregisters with the component", async () => {
    const { element, port, heard } = await connected();
    expect(port).toBeDefined();
    // As Lightning calls it: on the component that registered it.
    const [component, handler] = registerRefreshHandler.mock.calls.at(-1);
    await expect(handler.call(component)).resolves.toBe(true);
    await flush();
    expect(heard.at(-1)).toMatchObject({ protocol: "ksw-frame", type: "refresh" });
    const id = registerRefreshHandler.mock.results.at(-1).value;
    document.body.removeChild(element);
    expect(unregisterRefreshHandler).toHaveBeenCalledWith(id);
  });

  it("re-points the frame when the Case names another conversation", async () => {
    const { heard } = await connected();
    getRecord.emit({ apiName: "Case", id: "500A", fields: { [FIELD]: { value: "6140cefd91ffddd18144c001" } } });
    await flush();
    await flush();
    const mounts = heard.filter((message) => message.type === "mount");
    expect(mounts.at(-1).config.context.conversationId).toBe("6140cefd91ffddd18144c001");
  });

  it("reads the static resource's WebAssembly and hands its bytes to the frame before it mounts", async () => {
    const { heard } = await connected();
    await flush();
    expect(global.fetch).toHaveBeenCalledWith(expect.stringMatching(/\/kustomer-salesforce-widget_bg\.wasm$/));
    const module = heard.find((message) => message.type === "module");
    expect(new Uint8Array(module.bytes)).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it("opens the widget at the message the page state names, and gives it this Case page's link", async () => {
    const element = mountComponent();
    CurrentPageReference.emit({ type: "standard__recordPage", attributes: { recordId: "500A" }, state: { c__kustomerMessage: "m7" } });
    getRecord.emit(CASE);
    await flush();
    const frame = element.shadowRoot.querySelector("iframe.widget");
    frame.contentWindow.postMessage = jest.fn();
    fromWindow(frame.contentWindow, { type: "ready" }, "null");
    await flush();
    const port = frame.contentWindow.postMessage.mock.calls[0][2][0];
    const heard = [];
    port.onmessage = (event) => heard.push(event.data);
    await flush();
    const context = heard.find((message) => message.type === "mount").config.context;
    expect(context.messageId).toBe("m7");
    expect(context.messageLink).toBe(`${window.location.origin}/lightning/r/Case/500A/view?c__kustomerMessage={messageId}`);
  });

  it("follows a link to another message on the same Case, and ignores a state without one", async () => {
    const { heard } = await connected();
    const mounts = () => heard.filter((message) => message.type === "mount");
    const before = mounts().length;
    expect(mounts().at(-1).config.context.messageId).toBeUndefined();
    CurrentPageReference.emit({ state: { c__other: "x" } });
    await flush();
    expect(mounts().length).toBe(before);
    CurrentPageReference.emit({ state: { c__kustomerMessage: "m9" } });
    await flush();
    await flush();
    expect(mounts().at(-1).config.context.messageId).toBe("m9");
  });

  it("saves the transcript the frame hands over through a blob link on this page", async () => {
    const { element, port } = await connected();
    const blobs = [];
    URL.createObjectURL = jest.fn((blob) => {
      blobs.push(blob);
      return "blob:https://acme.lightning.force.com/1";
    });
    URL.revokeObjectURL = jest.fn();
    const clicked = [];
    jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function () {
      clicked.push({ href: this.href, download: this.download, inPage: element.shadowRoot.contains(this) });
    });
    toFrame(port, { type: "download", name: "kustomer-conversation-c1.html", fileType: "text/html", text: "<p>hi</p>" });
    await flush();
    expect(clicked).toEqual([{ href: "blob:https://acme.lightning.force.com/1", download: "kustomer-conversation-c1.html", inPage: true }]);
    expect(blobs[0].type).toBe("application/octet-stream");
    expect(blobs[0].size).toBe(9);
    toFrame(port, { type: "download", name: "t.txt", fileType: "text/plain" });
    await flush();
    expect(clicked.length).toBe(1);
    document.body.removeChild(element);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:https://acme.lightning.force.com/1");
  });

  it("says when the WebAssembly could not be read", async () => {
    global.fetch = jest.fn(() => Promise.resolve({ ok: false, status: 404 }));
    const { heard } = await connected();
    await flush();
    expect(heard.find((message) => message.type === "module")).toMatchObject({ error: "the static resource answered 404" });
  });
});

describe("diagnostics", () => {
  // A record as the widget's ksw-diagnostic event gives it, and the frame passes it on.
  const RECORD = { kind: "request-failed", view: "conversation", version: "0.9.0", service: "kustomer", status: 503, path: "/v1/conversations/{id}", durationMs: 412, count: 2 };

  it("writes a diagnostic record from the frame to Event Monitoring, named as the widget's", async () => {
    const { port } = await connected();
    toFrame(port, { type: "diagnostic", record: RECORD });
    await flush();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith({ widget: "kustomer-salesforce-widget", ...RECORD });
    expect(LOGGED_AS).toBe("kustomer-salesforce-widget");
  });

  it("logs only the record's documented keys, and only strings and numbers", async () => {
    const { port } = await connected();
    toFrame(port, { type: "diagnostic", record: { ...RECORD, status: { nested: 1 }, text: "Hi Priya", email: "priya@example.com" } });
    toFrame(port, { type: "diagnostic", record: "request-failed" });
    toFrame(port, { type: "diagnostic" });
    await flush();
    expect(log).toHaveBeenCalledTimes(1);
    const { status, ...rest } = RECORD;
    expect(status).toBe(503);
    expect(log).toHaveBeenCalledWith({ widget: LOGGED_AS, ...rest });
  });

  it("logs nothing when App Builder's Log errors to Event Monitoring is unticked", async () => {
    const { port } = await connected("null", { logDiagnostics: false });
    toFrame(port, { type: "diagnostic", record: RECORD });
    await flush();
    expect(log).not.toHaveBeenCalled();
  });

  it("carries on when log() throws: the frame's next message is still handled", async () => {
    log.mockImplementationOnce(() => {
      throw new Error("Lightning Logger is not available");
    });
    const { element, port } = await connected();
    const uncaught = [];
    const onError = (event) => uncaught.push(event.error);
    window.addEventListener("error", onError);
    // Both arrive in one delivery, as the port holds them: a throw would leave the height unread.
    toFrame(port, { type: "diagnostic", record: RECORD });
    toFrame(port, { type: "height", height: 640 });
    await flush();
    window.removeEventListener("error", onError);
    expect(log).toHaveBeenCalledTimes(1);
    expect(uncaught).toEqual([]);
    expect(element.shadowRoot.querySelector("iframe.widget").style.height).toBe("640px");
  });
});
