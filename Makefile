# Two commands for a newcomer: `make run` and `make test`. Everything else is a step they use.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
# node_modules/.bin first: the pinned Node 24 (npm package `node`) and every tool the project installs.
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install system-deps build typecheck lint unit integration e2e bench bench-booking bench-passwords bench-requests bench-units lighthouse clean

run: build ## the app with a local database and demo data on http://127.0.0.1:3000
	node --enable-source-maps dist/server.js

test: system-deps install build ## typecheck, lint, unit, integration and browser tests
	tsc -p .
	biome check .
	vitest run
	playwright test

install: node_modules/.install-stamp

node_modules/.install-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests, and Java for DynamoDB Local and the Nu HTML checker, when they
# are missing. Before `install`, so vnu-jar's install step finds Java and never fetches one of its own.
system-deps:
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq openjdk-17-jre-headless; }
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

build: install
	npm run -s build

typecheck: install build
	tsc -p .

lint: install
	biome check .

unit: install build
	vitest run --project unit

integration: install build
	vitest run --project integration

e2e: system-deps install build
	playwright test

bench: install build ## requests per second of the movie page and the Grand Hall seat page (signed out and in) against a plain node:http server sending the same bytes
	tsx scripts/bench/pages.ts

bench-booking: install build ## 500 buyers race for one showtime: holds/s, latency, nothing oversold, write units per seat sold
	tsx scripts/bench/booking-rush.ts

bench-requests: install build ## DynamoDB requests each page and step of a booking makes, by command, signed out and in
	tsx scripts/bench/requests-per-route.ts

bench-units: install build ## DynamoDB capacity units each step of a booking costs, by partition; item sizes; a showtime's seat query as it fills
	tsx scripts/bench/partition-units.ts

bench-passwords: install build ## /healthz latency under a flood of sign-ins, argon2 gated as deployed and ungated
	tsx scripts/bench/password-flood.ts

lighthouse: system-deps install build ## largest paint of home and the Grand Hall seat page on a 2G phone (Lighthouse, installed Chromium)
	tsx scripts/bench/lighthouse.ts

clean:
	rm -rf dist public/assets src/generated .wrangler test-results playwright-report
