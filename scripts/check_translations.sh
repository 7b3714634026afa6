#!/usr/bin/env bash
# Fails when the Spanish catalogue has an untranslated or fuzzy entry.
set -euo pipefail
po=${1:-locale/es/LC_MESSAGES/django.po}
stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
echo "Spanish catalogue: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "Translate these entries in $po:" >&2
    msgattrib --untranslated "$po" | grep -E '^msgid ' | grep -v '^msgid ""$' >&2 || true
    msgattrib --only-fuzzy "$po" | grep -E '^msgid ' | grep -v '^msgid ""$' >&2 || true
    exit 1
    ;;
esac
