import { createElement } from "lwc";
import { getRecord } from "lightning/uiRecordApi";
import send from "@salesforce/apex/KustomerApiProxy.send";
import KustomerConversation, { NO_CONVERSATION } from "c/kustomerConversation";

jest.mock("@salesforce/apex/KustomerApiProxy.send", () => ({ default: jest.fn() }), { virtual: true });

const CASE = { apiName: "Case", id: "500A", fields: { KustomerApp__Conversation_Id__c: { value: "6140cefd91ffddd18144e08b" } } };
const CASE_WITHOUT = { apiName: "Case", id: "500B", fields: { KustomerApp__Conversation_Id__c: { value: null } } };

function mountComponent(props = {}) {
  const element = createElement("c-kustomer-conversation", { is: KustomerConversation });
  Object.assign(element, { recordId: "500A", ...props });
  document.body.appendChild(element);
  return element;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A message as the widget's frame sends it, from `source` at `origin`. */
function fromFrame(source, message, origin = window.location.origin) {
  window.dispatchEvent(new MessageEvent("message", { data: { protocol: "ksw-frame", version: 1, ...message }, origin, source }));
}

async function framed(props) {
  const element = mountComponent(props);
  getRecord.emit(CASE);
  await flush();
  const frame = element.shadowRoot.querySelector("iframe.widget");
  const posted = [];
  frame.contentWindow.postMessage = (message, origin) => posted.push({ message, origin });
  return { element, frame, posted };
}

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
});

describe("c-kustomer-conversation", () => {
  it("says so when the Case has no Kustomer conversation, and frames nothing", async () => {
    const element = mountComponent({ recordId: "500B" });
    getRecord.emit(CASE_WITHOUT);
    await flush();
    expect(element.shadowRoot.querySelector(".notice").textContent).toBe(NO_CONVERSATION);
    expect(element.shadowRoot.querySelector("iframe")).toBeNull();
  });

  it("frames the widget page from the static resource, telling it the page's origin", async () => {
    const { frame } = await framed();
    const src = new URL(frame.src);
    expect(src.pathname).toMatch(/KustomerWidget\/frame\.html$/);
    expect(src.searchParams.get("parentOrigin")).toBe(window.location.origin);
  });

  it("mounts the conversation once the frame is ready, with the page's settings", async () => {
    const { frame, posted } = await framed({ kustomerOrg: "acme", theme: "kustomer", locale: "de-DE" });
    fromFrame(frame.contentWindow, { type: "ready" });
    await flush();
    expect(posted).toHaveLength(1);
    const { message, origin } = posted[0];
    expect(origin).toBe(window.location.origin);
    expect(message).toMatchObject({ protocol: "ksw-frame", version: 1, type: "mount" });
    expect(message.config).toMatchObject({
      view: "conversation",
      context: { conversationId: "6140cefd91ffddd18144e08b" },
      transport: { kind: "host" },
      kustomer: { org: "acme" },
      theme: "kustomer",
      locale: "de-DE",
    });
  });

  it("relays the frame's requests to Apex and posts the answers back by id", async () => {
    send.mockResolvedValue({ status: 200, headers: { "content-type": "application/json" }, body: "{\"data\":{}}" });
    const { frame, posted } = await framed({ cachePartition: "local.Kustomer", cacheSeconds: 600 });
    fromFrame(frame.contentWindow, { type: "request", id: 7, request: { service: "kustomer", method: "GET", path: "/v1/conversations/c1" } });
    await flush();
    expect(send).toHaveBeenCalledWith({ method: "GET", path: "/v1/conversations/c1", cachePartition: "local.Kustomer", cacheSeconds: 600 });
    expect(posted[0].message).toMatchObject({ type: "response", id: 7, response: { status: 200, body: "{\"data\":{}}" } });
  });

  it("passes Apex's refusal to the frame as the request's error", async () => {
    send.mockRejectedValue({ body: { message: "The conversation view does not read /v1/customers/k1/notes" } });
    const { frame, posted } = await framed();
    fromFrame(frame.contentWindow, { type: "request", id: 3, request: { service: "kustomer", method: "GET", path: "/v1/customers/k1/notes" } });
    await flush();
    expect(posted[0].message).toMatchObject({ type: "response", id: 3, error: "The conversation view does not read /v1/customers/k1/notes" });
  });

  it("ignores messages from another window or another origin", async () => {
    const { frame, posted } = await framed();
    const request = { type: "request", id: 1, request: { service: "kustomer", method: "GET", path: "/v1/users/u1" } };
    fromFrame(window, request);
    fromFrame(frame.contentWindow, request, "https://evil.example");
    fromFrame(frame.contentWindow, { ...request, protocol: "other" });
    fromFrame(frame.contentWindow, { type: "ready", version: 2 });
    await flush();
    expect(send).not.toHaveBeenCalled();
    expect(posted).toHaveLength(0);
  });

  it("sizes the frame to the height the widget reports, within the maximum height", async () => {
    const { element, frame } = await framed({ maxHeight: 900 });
    fromFrame(frame.contentWindow, { type: "height", height: 640 });
    await flush();
    expect(element.shadowRoot.querySelector("iframe.widget").style.height).toBe("640px");
    fromFrame(frame.contentWindow, { type: "height", height: 5000 });
    await flush();
    expect(element.shadowRoot.querySelector("iframe.widget").style.height).toBe("900px");
  });
});
