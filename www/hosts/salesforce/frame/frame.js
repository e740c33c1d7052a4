// The widget page inside the Salesforce Case page. Lightning Web Security does not let a
// Lightning web component run WebAssembly, so the component frames this page (served from
// a static resource beside the module) and answers its requests through Apex. They talk
// by postMessage, protocol "ksw-frame", version 1:
//
//   frame  -> parent  { type: "ready" }                                 once loaded
//   parent -> frame   { type: "mount", config }                         config as for mount()
//   parent -> frame   { type: "update", context }                       another record
//   frame  -> parent  { type: "request", id, request: { service, method, path } }
//   parent -> frame   { type: "response", id, response: { status, headers, body } }
//                     or { type: "response", id, error }                 no answer to give
//   frame  -> parent  { type: "height", height }                        whenever it changes
//
// Every message also carries { protocol: "ksw-frame", version: 1 }. The frame reads only
// messages whose source is window.parent and whose origin is the one named by the page's
// `parentOrigin` query parameter; anything else is ignored. A request without an answer
// within `timeoutMs` (query parameter, 20 s by default) fails, and the widget offers Retry.
import init, { mount } from "./kustomer-salesforce-widget.js";

const PROTOCOL = "ksw-frame";
const VERSION = 1;

const params = new URLSearchParams(location.search);
const parentOrigin = params.get("parentOrigin");
const timeoutMs = Number(params.get("timeoutMs") ?? 20000);
const element = document.getElementById("widget");

function refuse(sentence) {
  element.textContent = sentence;
  element.dataset.state = "error";
}

function post(message) {
  window.parent.postMessage({ protocol: PROTOCOL, version: VERSION, ...message }, parentOrigin);
}

const pending = new Map();
let nextId = 1;
let handle = null;

/** The widget's hostFetch: a request to the parent, answered by id. */
function hostFetch({ service, method, path }) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`the Salesforce page did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    pending.set(id, { resolve, reject, timer });
    post({ type: "request", id, request: { service, method, path } });
  });
}

function receive(event) {
  if (event.source !== window.parent || event.origin !== parentOrigin) return;
  const message = event.data;
  if (!message || message.protocol !== PROTOCOL || message.version !== VERSION) return;
  if (message.type === "mount") {
    handle?.unmount();
    try {
      handle = mount(element, message.config, hostFetch);
    } catch (error) {
      refuse(`The widget could not start: ${error.message}`);
    }
  } else if (message.type === "update") {
    try {
      handle?.update(message.context);
    } catch (error) {
      refuse(`The widget could not change record: ${error.message}`);
    }
  } else if (message.type === "response") {
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    clearTimeout(call.timer);
    if (message.error !== undefined) call.reject(new Error(String(message.error)));
    else call.resolve(message.response);
  }
}

if (!parentOrigin || window.parent === window) {
  refuse("This page shows a Kustomer conversation inside a Salesforce Case page; open the Case instead.");
} else {
  await init();
  window.addEventListener("message", receive);
  let reported = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== reported) {
      reported = height;
      post({ type: "height", height });
    }
  }).observe(document.documentElement);
  post({ type: "ready" });
}
