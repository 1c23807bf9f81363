/* SPDX-License-Identifier: ISC */
/*
 * Deadlines as iCalendar (RFC 5545), built and parsed with libical so
 * folding, escaping and line ends are libical's, not ours.  Each due
 * date is one all-day VEVENT; its description carries the derivation.
 */
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "core/buf.h"
#include "core/date.h"

static struct icaltimetype
all_day(struct at_date d)
{
	struct icaltimetype t = icaltime_null_date();

	t.year = d.year;
	t.month = d.month;
	t.day = d.day;
	t.is_date = 1;
	return t;
}

enum at_err
render_ical(const struct render_due *items, size_t n, const char *stamp,
    struct buf *out, struct at_diag *d)
{
	icalcomponent *cal = NULL;
	struct icaltimetype ts;
	enum at_err er = AT_OK;
	char *text = NULL;

	ts = icaltime_from_string(stamp);
	if (icaltime_is_null_time(ts))
		return at_diag_set(d, AT_EINVAL, "stamp",
		    "\"%s\" is not an iCalendar UTC time", stamp);
	cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
	    icalproperty_new_version("2.0"),
	    icalproperty_new_prodid("-//attest//deadlines//EN"),
	    icalproperty_new_calscale("GREGORIAN"),
	    icalproperty_new_method(ICAL_METHOD_PUBLISH), (void *)0);
	if (cal == NULL)
		return at_diag_set(d, AT_IO, "ical", "libical failed");
	for (size_t i = 0; i < n; i++) {
		struct at_date day;
		icalcomponent *ev;

		if (at_date_parse_str(items[i].date, &day) != AT_OK) {
			er = at_diag_set(d, AT_EINVAL, "date",
			    "\"%s\" is not a date", items[i].date);
			goto out;
		}
		ev = icalcomponent_vanew(ICAL_VEVENT_COMPONENT,
		    icalproperty_new_uid(items[i].uid),
		    icalproperty_new_dtstamp(ts),
		    icalproperty_new_dtstart(all_day(day)),
		    icalproperty_new_dtend(all_day(at_date_add_days(day, 1))),
		    icalproperty_new_summary(items[i].summary),
		    icalproperty_new_description(items[i].description),
		    icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT),
		    (void *)0);
		if (ev == NULL) {
			er = at_diag_set(d, AT_IO, "ical", "libical failed");
			goto out;
		}
		icalcomponent_add_component(cal, ev);
	}
	text = icalcomponent_as_ical_string_r(cal);
	if (text == NULL) {
		er = at_diag_set(d, AT_IO, "ical", "libical failed");
		goto out;
	}
	buf_puts(out, text);
out:
	free(text);
	if (cal != NULL)
		icalcomponent_free(cal);
	return er;
}

enum at_err
render_ical_check(const char *text, size_t *nevents, struct at_diag *d)
{
	icalcomponent *cal;
	enum at_err er = AT_OK;
	int nerr;

	cal = icalparser_parse_string(text);
	if (cal == NULL)
		return at_diag_set(d, AT_EINVAL, "ical",
		    "libical could not parse the calendar");
	if (icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		er = at_diag_set(
		    d, AT_EINVAL, "ical", "the text is not one VCALENDAR");
		goto out;
	}
	nerr = icalcomponent_count_errors(cal);
	if (nerr != 0) {
		er = at_diag_set(d, AT_EINVAL, "ical",
		    "libical found %d error(s) in the calendar", nerr);
		goto out;
	}
	*nevents =
	    (size_t)icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT);
out:
	icalcomponent_free(cal);
	return er;
}
