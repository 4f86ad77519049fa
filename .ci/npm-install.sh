#!/usr/bin/env bash
# Installs every npm project of the repository (each directory with a package-lock.json outside node_modules and
# target) once, up front, with `npm ci` from its lock file, into $HANZO_NPM_PREINSTALLED/<key>: the tests' fixture
# (ai.hanzo.testing.NpmProject) then links each temp copy's node_modules to that install and never runs npm itself.
# <key> is the SHA-256 of the project's package.json, package-lock.json and .npmrc (when there is one), their bytes
# one after the other, as NpmProject.installKey computes it: a changed lock file gets a fresh install.
# An install already there is kept (nothing is asked of the registry); one that fails stops here, naming the project.
# Usage: HANZO_NPM_PREINSTALLED=/some/dir .ci/npm-install.sh   (.ci/run sets the directory and exports it for the tests)
#        .ci/npm-install.sh --keys   prints "<project> <key>" for each project and installs nothing (NpmProjectTest
#        checks these keys against NpmProject's)
set -euo pipefail
cd "$(dirname "$0")/.."
keys_only=false
if [ "${1:-}" = "--keys" ]; then
  keys_only=true
else
  : "${HANZO_NPM_PREINSTALLED:?set HANZO_NPM_PREINSTALLED to the directory the installs go to}"
  mkdir -p "$HANZO_NPM_PREINSTALLED"
fi

mapfile -t locks < <(find . \( -name node_modules -o -name target -o -name .git \) -prune -o \
  -name package-lock.json -type f -print | sort)
for lock in "${locks[@]}"; do
  project=$(dirname "$lock")
  inputs=()
  for f in package.json package-lock.json .npmrc; do
    [ -f "$project/$f" ] && inputs+=("$project/$f")
  done
  key=$(cat "${inputs[@]}" | sha256sum | cut -c1-64)
  if $keys_only; then
    echo "${project#./} $key"
    continue
  fi
  into="$HANZO_NPM_PREINSTALLED/$key"
  if [ -f "$into/.installed" ] && [ -d "$into/node_modules" ]; then
    echo "ci: npm project ${project#./} already installed in $into"
    continue
  fi
  rm -rf "$into"
  mkdir -p "$into"
  cp "${inputs[@]}" "$into/"
  echo "ci: npm ci for ${project#./} into $into"
  if ! (cd "$into" && npm ci --no-audit --no-fund >npm-ci.log 2>&1); then
    echo "ci: FAILED: npm ci of ${project#./} (from its package-lock.json) did not install; no test was run." >&2
    echo "ci: the npm registry may be unreachable, or the lock file names a package it does not have." >&2
    echo "ci: last lines of $into/npm-ci.log:" >&2
    tail -n 25 "$into/npm-ci.log" >&2
    exit 1
  fi
  # Written last: a half-done install (killed, out of disk) is never taken for a complete one.
  touch "$into/.installed"
done
$keys_only || echo "ci: ${#locks[@]} npm project(s) installed in $HANZO_NPM_PREINSTALLED"
