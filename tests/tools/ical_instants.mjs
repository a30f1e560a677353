// The instants ical.js (the iCalendar parser Thunderbird uses) reads from .ics files.
// Usage: node tests/tools/ical_instants.mjs FILE...
// Prints JSON: {"FILE": [{"uid": ..., "start": "...Z", "end": "...Z"}, ...], ...}.
// Each calendar's own VTIMEZONE blocks are registered first, as Thunderbird does
// for a time zone it does not know; a TZID without a block fails loudly.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function instant(time, tzid) {
  if (tzid && !ICAL.TimezoneService.has(tzid)) {
    throw new Error(`time zone ${tzid} is used but not defined in the calendar`);
  }
  return time.toJSDate().toISOString();
}

const result = {};
for (const path of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  result[path] = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      start: instant(event.startDate, vevent.getFirstProperty("dtstart").getParameter("tzid")),
      end: instant(event.endDate, vevent.getFirstProperty("dtend").getParameter("tzid")),
    };
  });
}
process.stdout.write(JSON.stringify(result));
