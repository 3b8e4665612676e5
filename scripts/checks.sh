#!/bin/sh
# `npm test`'s steps before the browser tests, which test the build: lint beside the
# type-check and the build (each mostly one core: on two, 34 s instead of 40).
npm run lint & lint=$!
npm run typecheck && npm run build
built=$?
wait "$lint" || exit 1
exit "$built"
