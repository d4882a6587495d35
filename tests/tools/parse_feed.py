"""Parses one feed file with Debian's python3-feedparser (run with /usr/bin/python3) and
prints what the feed tests check, one fact per line:
  bozo <0|1> <reason>      feedparser's verdict on well-formedness
  version <rss20|atom10|...>
  title <channel title>
  self <the feed's self link>
  entry <published as unix seconds>\t<link>\t<id>\t<title>
"""
import calendar
import sys

import feedparser

feed = feedparser.parse(sys.argv[1])
print("bozo", 1 if feed.bozo else 0, repr(feed.get("bozo_exception", "")))
print("version", feed.version)
print("title", feed.feed.get("title", ""))
for link in feed.feed.get("links", []):
    if link.get("rel") == "self":
        print("self", link.get("href", ""))
for entry in feed.entries:
    published = entry.get("published_parsed")
    seconds = calendar.timegm(published) if published else 0
    print("entry", "\t".join([str(seconds), entry.get("link", ""), entry.get("id", ""),
                              entry.get("title", "")]))
