"""Parses one sitemap or sitemap index with Python's XML parser (a well-formedness check)
and prints, one per line: "root <tag>", then "loc <url>\t<lastmod>" for each entry, and for
a news sitemap "news <url>\t<title>\t<publication_date>". Exit 1 when it is not XML."""
import sys
import xml.etree.ElementTree as ET

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
try:
    root = ET.parse(sys.argv[1]).getroot()
except ET.ParseError as error:
    print("error", error)
    sys.exit(1)
print("root", root.tag.replace(SITEMAP, ""))
for entry in root:
    loc = entry.findtext(SITEMAP + "loc", "")
    print("loc", loc + "\t" + entry.findtext(SITEMAP + "lastmod", ""))
    news = entry.find(NEWS + "news")
    if news is not None:
        print("news", "\t".join([loc, news.findtext(NEWS + "title", ""),
                                 news.findtext(NEWS + "publication_date", "")]))
