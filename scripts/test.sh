#!/usr/bin/env bash
# demandcast's one test command (README, "Quick start"; docs/tests.md): installs what the tests
# need when it is missing — a JDK 17+ and Maven 3.8+, then node and npm (the build's npm ci) and
# the browser and notebook tools of scripts/install-test-tools.sh, all from Debian's packages — and
# runs every test of every module
# (`mvn -B verify`: unit tests, then integration tests). Extra arguments go to Maven, e.g.
# scripts/test.sh -pl forecasting
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "test.sh: a JDK 17+ (javac) and Maven 3.8+ (mvn) are needed; install them, e.g." \
      "apt-get install -y openjdk-17-jdk-headless maven" >&2
    exit 1
  fi
  echo "test.sh: installing a JDK and Maven from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q openjdk-17-jdk-headless maven
fi

scripts/install-test-tools.sh
exec mvn -B verify "$@"
