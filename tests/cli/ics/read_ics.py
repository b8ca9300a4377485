#!/usr/bin/env python3
"""Reads an iCalendar file with the icalendar package and prints what it
holds as JSON, for the tests to assert on. Exits 1 naming what breaks
RFC 5545's form: a line not ended by CRLF, a line over 75 octets, a
calendar without VERSION or PRODID, a component without UID or DTSTAMP."""
import json
import sys

import icalendar


def fail(why):
    print(why, file=sys.stderr)
    sys.exit(1)


def main(path):
    raw = open(path, "rb").read()
    if not raw.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    for number, line in enumerate(raw.split(b"\r\n")[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {number} has a bare line break")
        if len(line) > 75:
            fail(f"line {number} is {len(line)} octets long")
        line.decode("utf-8")
    calendar = icalendar.Calendar.from_ical(raw)
    for required in ("VERSION", "PRODID"):
        if required not in calendar:
            fail(f"the calendar has no {required}")
    items = []
    for component in calendar.walk():
        if component.name not in ("VEVENT", "VTODO"):
            continue
        for required in ("UID", "DTSTAMP", "SUMMARY"):
            if required not in component:
                fail(f"a {component.name} has no {required}")
        item = {"type": component.name}
        for name in ("UID", "SUMMARY", "DESCRIPTION", "STATUS", "CATEGORIES", "X-DEALBOARD-DEAL",
                     "X-DEALBOARD-PERSON"):
            if name in component:
                value = component.get(name)
                if hasattr(value, "cats"):
                    value = ",".join(str(c) for c in value.cats)
                item[name.lower()] = str(value)
        for name in ("DTSTART", "DUE", "COMPLETED", "DTSTAMP"):
            if name in component:
                item[name.lower()] = component.decoded(name).isoformat()
        if "DURATION" in component:
            item["minutes"] = int(component.decoded("DURATION").total_seconds() // 60)
        item["sequence"] = int(component.get("SEQUENCE", 0))
        items.append(item)
    print(json.dumps({"version": str(calendar["VERSION"]), "prodid": str(calendar["PRODID"]), "items": items},
                     ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
