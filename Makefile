# Two commands do everything on a fresh machine: `make preview` and `make test`.
# Every target installs what it needs and skips what is already there. Nothing here
# downloads a prebuilt binary: tools come from crates.io, npm and Debian.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# The wasm-bindgen CLI must match the crate exactly; Cargo.toml is the one place it is set.
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
TRUNK_VERSION := 0.21.14
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

CARGO_HOME ?= $(HOME)/.cargo
# npm's wasm-opt comes first: Debian's binaryen is too old for wasm-bindgen's output.
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_HOME)/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT := 120
# Trunk must never fetch a tool or check for updates; crates are fetched beforehand.
export TRUNK_OFFLINE := true
export TRUNK_SKIP_VERSION_CHECK := true

.PHONY: preview build build-preview package register-kustomer screenshot test lint test-native test-browser test-e2e test-hosts bench tools rust-tools browser npm fetch clean

preview: tools fetch
	trunk serve --open=false

# The release modules hosts install, without the demo org: one per host, each with the one
# view its host mounts, so that neither page downloads the other's code.
# dist/conversation/: the Salesforce Case page. dist/insight/: the Kustomer sidebar.
RELEASE_VIEWS := conversation insight

build: tools fetch
	rm -rf dist
	@for view in $(RELEASE_VIEWS); do \
		trunk build www/module.html --release --dist dist/$$view --no-default-features --features $$view && \
		terser dist/$$view/kustomer-salesforce-widget.js --module --compress --mangle -o dist/$$view/kustomer-salesforce-widget.js && \
		test -f dist/$$view/kustomer-salesforce-widget_bg.wasm && \
		grep -q 'export function mount' dist/$$view/kustomer-salesforce-widget.js || exit 1; \
	done
	@# (terser: Trunk's own minifier cannot read wasm-bindgen's module glue; 44 -> 20 KB.)

# What each platform's admin installs: package/salesforce (Salesforce DX source, with the
# KustomerWidget static resource made from dist/) and package/kustomer (the card page to
# host, with the module).
SF_RESOURCE := package/salesforce/force-app/main/default/staticresources/KustomerWidget
# The static resource holds the frame page and the conversation module wrapped as one
# classic script with its WebAssembly (package-frame.mjs says why: the frame may run with
# the origin "null", where module scripts and fetches need CORS that Salesforce does not send).
package: build npm
	rm -rf package
	mkdir -p package/kustomer
	cp -r www/hosts/salesforce package/salesforce
	rm -rf package/salesforce/frame package/salesforce/package-frame.mjs package/salesforce/jest.config.cjs package/salesforce/eslint.config.cjs package/salesforce/force-app/main/default/lwc/*/__tests__
	node www/hosts/salesforce/package-frame.mjs dist/conversation $(SF_RESOURCE)
	cp www/hosts/kustomer/* package/kustomer/
	cp dist/insight/kustomer-salesforce-widget.js dist/insight/kustomer-salesforce-widget_bg.wasm package/kustomer/
	@echo "package/salesforce: deploy with the Salesforce CLI; package/kustomer: host, then register app.json"

# Registers the Kustomer app with an org (POST /v1/apps/available): set KUSTOMER_API_URL,
# KUSTOMER_API_TOKEN (role org.admin.apps) and KUSTOMER_CARD_URL (where package/kustomer/
# is hosted); see admin/register-kustomer.mjs.
register-kustomer:
	node admin/register-kustomer.mjs www/hosts/kustomer/app.json

# The preview page and the module with the demo org, as `make preview` serves them.
build-preview: tools fetch
	trunk build www/index.html --dist dist-preview --release

test: lint test-native test-browser test-e2e test-hosts

# Clippy with warnings as errors: the native code and its tests, the browser build and its
# tests, and each host's release module (a view left out must leave no dead code behind).
lint: rust-tools
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --test browser -- -D warnings
	@for view in $(RELEASE_VIEWS); do \
		cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features $$view -- -D warnings || exit 1; \
	done

test-native:
	cargo test --lib

test-browser: rust-tools browser
	cargo test --target wasm32-unknown-unknown --test browser

# The Case page test frames the packaged static resource, as Salesforce serves it.
test-e2e: package build-preview npm browser
	node --test --test-concurrency=1 tests/e2e/

# The hosts' own tests: the Apex parsed, the LWC linted and under jest, the packages checked.
test-hosts: package npm
	node --test tests/hosts/
	cd www/hosts/salesforce && eslint force-app/main/default/lwc && sfdx-lwc-jest

# The README's picture: the preview on the demo org, in headless Chromium.
screenshot: build-preview npm browser
	node bench/screenshot.mjs

# Bundle sizes and render times beside a plain-DOM baseline; results in bench-results/.
bench: build build-preview npm browser
	node bench/run.mjs

tools: rust-tools browser npm

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] || \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@[ "$$(trunk --version 2>/dev/null)" = "trunk $(TRUNK_VERSION)" ] || \
		cargo install trunk --version $(TRUNK_VERSION) --locked --force

browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium chromium-driver; }

npm: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

fetch:
	@cargo fetch --quiet

clean:
	rm -rf dist dist-preview target node_modules
