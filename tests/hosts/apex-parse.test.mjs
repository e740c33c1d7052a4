// Apex cannot run here: every class of the Salesforce package is at least parsed with the
// Apex grammar, so a syntax error fails `make test` instead of a deployment.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { ApexErrorListener, ApexParserFactory } from "@apexdevtools/apex-parser";

const folder = new URL("../../www/hosts/salesforce/force-app/main/default/classes/", import.meta.url);

class Collect extends ApexErrorListener {
  errors = [];
  apexSyntaxError(line, column, message) {
    this.errors.push(`${line}:${column} ${message}`);
  }
}

function parse(source) {
  const listener = new Collect();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  parser.compilationUnit();
  return listener.errors;
}

test("the parse check finds a syntax error", () => {
  assert.notDeepEqual(parse("public class Broken { void f() { return } }"), []);
  assert.deepEqual(parse("public class Fine { void f() { return; } }"), []);
});

const classes = (await readdir(folder)).filter((name) => name.endsWith(".cls"));

test("the package has its Apex classes", () => {
  assert.deepEqual(classes.sort(), ["KustomerApiProxy.cls", "KustomerApiProxyTest.cls"]);
});

for (const name of classes) {
  test(`${name} parses`, async () => {
    assert.deepEqual(parse(await readFile(new URL(name, folder), "utf8")), []);
  });
}
