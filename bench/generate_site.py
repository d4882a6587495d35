#!/usr/bin/env python3
"""Writes a site document of COUNT articles in CATEGORIES categories to stdout, for the bench/
scripts that import one (scale.sh, site_document.sh): bodies of about 2 KB, two tags each (one
of 100 topics, one of 7 threads), views, 20,000 votes. With --moved, it also carries what a
site moved in from K2 brings (issue 14): an old link per article, a rating base for one in
ten, a comment for one in ten (every other one a reply), and a few hundred redirects.

    bench/generate_site.py COUNT CATEGORIES [--moved] > site.json
"""
import datetime
import json
import random
import sys

count, categories = int(sys.argv[1]), int(sys.argv[2])
moved = "--moved" in sys.argv[3:]
random.seed(12)
words = ("harbour council ferry library budget league market school bridge river festival "
         "station planning weather minister court museum garden hospital theatre").split()


def text(n):
    return " ".join(random.choice(words) for _ in range(n))


def stamp(when):
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_list(name, records, first=False):
    out.write(("" if first else ",") + '\n"' + name + '":[')
    for i, record in enumerate(records):
        out.write(("," if i else "") + "\n" + json.dumps(record))
    out.write("]")


start = datetime.datetime(2016, 1, 1, tzinfo=datetime.timezone.utc)
out = sys.stdout
out.write('{"format":"broadsheet-site","version":4,')
write_list("authors", ({"id": i, "name": f"Writer {i}", "slug": f"writer-{i}", "bio": ""}
                       for i in range(1, 51)), first=True)
write_list("users", [])
write_list("categories", ({"id": i, "slug": f"section-{i}", "name": f"Section {i}"}
                          for i in range(1, categories + 1)))
write_list("media", [])


def articles():
    for i in range(1, count + 1):
        when = stamp(start + datetime.timedelta(minutes=5 * i))
        body = "\n\n".join(text(60) for _ in range(5))
        yield {"id": i, "slug": f"story-{i}", "title": f"Story {i}: " + text(6),
               "summary": text(25), "status": "published", "author_id": 1 + i % 50,
               "category_id": 1 + i % categories, "published_at": when, "updated_at": when,
               "views": random.randint(0, 5000), "crawler_hits": 0,
               "tags": [f"Topic {i % 100}", f"Thread {i % 7}"], "trashed_at": None,
               "trashed_from": "", "comment_mode": "", "featured_media_id": 0,
               "featured_alt": "", "body_markdown": body}


write_list("articles", articles())
write_list("daily_views", [])
# Sorted by article and reader, as export writes them.
votes = sorted(((1 + (i * 7919) % count, f"reader-{i}", 1 + i % 5) for i in range(min(count, 20000))))
write_list("votes", ({"article_id": a, "reader_id": r, "stars": s,
                      "voted_at": "2026-01-01T00:00:00Z"} for a, r, s in votes))


def comments():
    for n, article in enumerate(range(10, count + 1, 10), start=1):
        yield {"id": n, "article_id": article, "reader_id": f"reader-{n}", "name": "A reader",
               "email": "", "url": "", "status": "approved", "hold_reason": "",
               "created_at": "2026-01-01T00:00:00Z", "reports": 0, "approved_by_editor": False,
               "parent_id": n - 1 if n % 2 == 0 else 0, "body": "Well said. " + text(20)}


write_list("comments", comments() if moved else [])
write_list("settings", [])
write_list("old_links", ({"system": "k2", "source": "gazette_joomla", "kind": "article",
                          "old_id": str(i), "old_slug": f"story-{i}", "new_id": i}
                         for i in range(1, count + 1)) if moved else [])
write_list("rating_bases", ({"article_id": i, "sum": 9, "count": 2}
                            for i in range(5, count + 1, 10)) if moved else [])
write_list("redirects", ({"old_path": f"/old/page-{i:04d}/", "target": f"/section-1/",
                          "created_at": "2026-01-01T00:00:00Z"}
                         for i in range(300)) if moved else [])
write_list("audit", [])
out.write("}\n")
