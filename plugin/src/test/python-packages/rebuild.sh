#!/usr/bin/env bash
# Rebuilds wheelhouse/ from the package sources here, inside the test image (no index needed):
# fastmath, a C extension shipped as an sdist so tests compile it in the container, and
# purehelper, a pure-Python wheel. Run after changing either package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
image=${1:-lambdazip-test/python:3.11}
tar -C "$here" -c fastmath purehelper \
  | docker run --rm -i -e SOURCE_DATE_EPOCH=315532800 "$image" sh -c '
      mkdir /w && cd /w && tar x
      (cd fastmath && python3 setup.py -q sdist >/dev/null)
      (cd purehelper && python3 -m pip wheel --no-deps --no-build-isolation -q -w dist . >/dev/null)
      tar c fastmath/dist purehelper/dist' \
  | tar -x -C "$here"
mv "$here"/fastmath/dist/*.tar.gz "$here"/purehelper/dist/*.whl "$here/wheelhouse/"
rm -rf "$here"/fastmath/dist "$here"/purehelper/dist
