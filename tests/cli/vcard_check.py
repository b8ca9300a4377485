#!/usr/bin/python3
"""Reads a DealBoard vCard export with a real parser (vobject) and prints, per
card, the facts DealBoard wrote, for VCardCliTest to compare."""
import sys

import vobject


def text(card, name):
    if name not in card.contents:
        return None
    value = card.contents[name][0].value
    if isinstance(value, list):
        return ",".join(value) if name == "categories" else ";".join(value)
    return str(value)


def main(path):
    with open(path, encoding="utf-8", newline="") as source:
        data = source.read()
    cards = list(vobject.readComponents(data))
    uids = {card.uid.value for card in cards}
    print(f"{len(cards)} cards, {len(uids)} distinct UIDs")
    for card in cards:
        assert card.version.value == "4.0", card.version.value
        assert card.uid.value.startswith("urn:uuid:"), card.uid.value
        fields = []
        for name in ("fn", "email", "org", "tel", "note", "categories"):
            value = text(card, name)
            if value is not None:
                fields.append(f"{name.upper()}={value}")
        print("|".join(fields))


if __name__ == "__main__":
    main(sys.argv[1])
