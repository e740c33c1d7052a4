// The Kustomer conversation on a Case record page. Lightning Web Security does not let a
// component run WebAssembly, so this component frames the widget page from the
// KustomerWidget static resource and answers the page's requests by calling Apex
// (KustomerApiProxy, which holds no key: the Kustomer_API named credential does). The
// two speak the frame's postMessage protocol ("ksw-frame" version 1, see frame.js).
import { LightningElement, api, wire } from "lwc";
import { getRecord, getFieldValue } from "lightning/uiRecordApi";
import CONVERSATION_ID from "@salesforce/schema/Case.KustomerApp__Conversation_Id__c";
import WIDGET from "@salesforce/resourceUrl/KustomerWidget";
import send from "@salesforce/apex/KustomerApiProxy.send";
import USER_LOCALE from "@salesforce/i18n/locale";
import USER_TIME_ZONE from "@salesforce/i18n/timeZone";

const PROTOCOL = "ksw-frame";
const VERSION = 1;

export const NO_CONVERSATION = "This Case was not created from a Kustomer conversation, so there is nothing to show.";

export default class KustomerConversation extends LightningElement {
    @api recordId;
    /** Settings in Lightning App Builder (see the .js-meta.xml). */
    @api kustomerOrg;
    @api theme;
    @api maxHeight = 1200;
    @api locale;
    @api cachePartition;
    @api cacheSeconds = 300;

    height = 200;
    conversationId;
    loadError;
    listener;

    @wire(getRecord, { recordId: "$recordId", fields: [CONVERSATION_ID] })
    wiredCase({ data, error }) {
        if (data) {
            this.conversationId = getFieldValue(data, CONVERSATION_ID) || null;
            this.loadError = undefined;
            this.mountWidget();
        } else if (error) {
            this.loadError = `The Case could not be read: ${error.body?.message ?? error.message ?? error}`;
        }
    }

    get message() {
        if (this.loadError) return this.loadError;
        return this.conversationId === null ? NO_CONVERSATION : undefined;
    }

    get frameUrl() {
        return new URL(`${WIDGET}/frame.html`, window.location.href);
    }

    get frameSrc() {
        if (!this.conversationId) return undefined;
        const url = this.frameUrl;
        url.searchParams.set("parentOrigin", window.location.origin);
        return url.toString();
    }

    get frameStyle() {
        return `display: block; width: 100%; border: 0; height: ${this.height}px`;
    }

    /** The mount config the frame passes to the widget; a bad setting is named there. */
    get config() {
        const config = {
            view: "conversation",
            context: { conversationId: this.conversationId },
            transport: { kind: "host", timeoutMs: 30000 },
            // The agent's own Salesforce locale and time zone unless the page overrides it.
            locale: this.locale || USER_LOCALE,
            timeZone: USER_TIME_ZONE,
        };
        if (this.kustomerOrg) config.kustomer = { org: this.kustomerOrg };
        if (this.theme) config.theme = this.theme;
        return config;
    }

    connectedCallback() {
        this.listener = (event) => this.receive(event);
        window.addEventListener("message", this.listener);
    }

    disconnectedCallback() {
        window.removeEventListener("message", this.listener);
    }

    get frame() {
        return this.template.querySelector("iframe.widget");
    }

    post(message) {
        this.frame?.contentWindow?.postMessage({ protocol: PROTOCOL, version: VERSION, ...message }, this.frameUrl.origin);
    }

    mountWidget() {
        if (this.frameReady && this.conversationId) this.post({ type: "mount", config: this.config });
    }

    /** Only the frame this component made, from the static resource's origin, is heard. */
    receive(event) {
        const frame = this.frame;
        if (!frame || event.source !== frame.contentWindow || event.origin !== this.frameUrl.origin) return;
        const message = event.data;
        if (!message || message.protocol !== PROTOCOL || message.version !== VERSION) return;
        if (message.type === "ready") {
            this.frameReady = true;
            this.mountWidget();
        } else if (message.type === "height") {
            const limit = Number(this.maxHeight) || 1200;
            this.height = Math.min(Math.max(Number(message.height) || 0, 80), limit);
        } else if (message.type === "request") {
            this.relay(message);
        }
    }

    async relay({ id, request }) {
        try {
            const response = await send({
                method: request?.method,
                path: request?.path,
                cachePartition: this.cachePartition || null,
                cacheSeconds: Number(this.cacheSeconds) || null,
            });
            this.post({ type: "response", id, response });
        } catch (error) {
            this.post({ type: "response", id, error: error?.body?.message ?? error?.message ?? String(error) });
        }
    }
}
