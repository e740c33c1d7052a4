// The preview page: a host like any other. It mounts the conversation view in a frame
// shaped like a Salesforce Case page and the Insight Card in a Kustomer-sized sidebar,
// both on the embedded demo org.

function start(bindings) {
  const scenario = document.getElementById("scenario");
  const picker = document.getElementById("conversation");
  const conversations = new Map();
  for (const conversation of bindings.demoConversations()) {
    conversations.set(conversation.id, conversation);
    picker.add(new Option(`${conversation.subject} (${conversation.channel})`, conversation.id));
  }
  let handles = [];

  function render() {
    handles.forEach((handle) => handle.unmount());
    const transport = { kind: "demo", scenario: scenario.value };
    const conversationId = picker.value;
    document.getElementById("case-conversation-id").textContent = conversationId;
    document.getElementById("case-title").textContent = picker.selectedOptions[0]?.text ?? "";
    handles = [
      bindings.mount(document.getElementById("conversation-widget"), {
        view: "conversation",
        context: { conversationId },
        transport,
        kustomer: { org: "northwind" },
      }),
      bindings.mount(document.getElementById("insight-widget"), {
        view: "insight",
        context: {
          conversationId,
          customerId: conversations.get(conversationId).customerId,
          customerEmails: conversations.get(conversationId).customerEmails,
        },
        transport,
        salesforce: { subdomain: "northwind.my" },
        theme: "kustomer",
      }),
    ];
  }

  scenario.addEventListener("change", render);
  picker.addEventListener("change", render);
  render();
}

// Trunk's loader sets window.wasmBindings and then fires TrunkApplicationStarted.
if (window.wasmBindings) {
  start(window.wasmBindings);
} else {
  addEventListener("TrunkApplicationStarted", () => start(window.wasmBindings), { once: true });
}
