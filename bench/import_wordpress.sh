#!/usr/bin/env bash
# A large WordPress site moved in (issue 14): generates a WXR of N posts shaped like WordPress
# 6.1's export (tests/fixtures/import/wordpress-6.1.xml: classic and block-editor bodies of
# about 4 KB, nested categories, tags, two comments each, one reply among them), imports it
# with `broadsheet import wordpress` into a fresh store and prints the file's size, the time,
# the peak memory (RSS, from /usr/bin/time) and posts a second; then runs it again (every post
# skipped) and prints the same. Not a test: it gates nothing. There is no baseline to compare
# with on this machine (WordPress's own importer runs in PHP behind a web server).
#
#   bench/import_wordpress.sh [N=100000]
#   BENCH_STORE=postgres bench/import_wordpress.sh 100000   (a PostgreSQL cluster of its own)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}

source bench/common.sh
bench_build

bench_scratch_store

echo "generating a WXR of $count posts"
python3 - "$count" >"$work/site.xml" <<'PY'
import random, sys, datetime
count = int(sys.argv[1])
random.seed(14)
words = ("harbour council ferry library budget league market school bridge river festival "
         "station planning weather minister court museum garden hospital theatre").split()
def text(n): return " ".join(random.choice(words) for _ in range(n))
out = sys.stdout
out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
          'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
          'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Big Gazette</title>\n'
          '<wp:wxr_version>1.2</wp:wxr_version>\n'
          '<wp:base_site_url>http://big.example.test</wp:base_site_url>\n'
          '<wp:base_blog_url>http://big.example.test</wp:base_blog_url>\n')
for a in range(1, 21):
    out.write(f'<wp:author><wp:author_id>{a}</wp:author_id><wp:author_login><![CDATA[writer{a}]]>'
              f'</wp:author_login><wp:author_email><![CDATA[w{a}@example.test]]></wp:author_email>'
              f'<wp:author_display_name><![CDATA[Writer {a}]]></wp:author_display_name>'
              '</wp:author>\n')
for c in range(1, 11):
    out.write(f'<wp:category><wp:term_id>{c}</wp:term_id><wp:category_nicename><![CDATA[section-{c}]]>'
              f'</wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent>'
              f'<wp:cat_name><![CDATA[Section {c}]]></wp:cat_name></wp:category>\n')
    out.write(f'<wp:category><wp:term_id>{100 + c}</wp:term_id><wp:category_nicename>'
              f'<![CDATA[local-{c}]]></wp:category_nicename><wp:category_parent>'
              f'<![CDATA[section-{c}]]></wp:category_parent><wp:cat_name><![CDATA[Local {c}]]>'
              '</wp:cat_name></wp:category>\n')
start = datetime.datetime(2012, 1, 1)
comment_id = 0
for i in range(1, count + 1):
    when = start + datetime.timedelta(minutes=60 * i)
    date = when.strftime("%Y-%m-%d %H:%M:%S")
    if i % 2:
        body = "\n\n".join(text(110) for _ in range(4))  # classic: blank-line paragraphs
    else:
        body = "".join(f'<!-- wp:paragraph -->\n<p>{text(100)} <strong>{text(3)}</strong></p>\n'
                       '<!-- /wp:paragraph -->\n\n' for _ in range(3))
        body += ('<!-- wp:list -->\n<ul><li>' + text(6) + '</li><li>' + text(6) +
                 '</li></ul>\n<!-- /wp:list -->')
    section = 1 + i % 10
    category = f'<category domain="category" nicename="local-{section}"><![CDATA[Local {section}]]></category>'
    tags = "".join(f'<category domain="post_tag" nicename="topic-{t}"><![CDATA[Topic {t}]]></category>'
                   for t in (i % 50, 50 + i % 7))
    comments = ""
    for k in range(2):
        comment_id += 1
        parent = comment_id - 1 if k == 1 else 0
        comments += (f'<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>'
                     f'<![CDATA[Reader {comment_id % 997}]]></wp:comment_author><wp:comment_author_email>'
                     f'<![CDATA[]]></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>'
                     f'<wp:comment_date_gmt><![CDATA[{date}]]></wp:comment_date_gmt><wp:comment_content>'
                     f'<![CDATA[{text(25)}]]></wp:comment_content><wp:comment_approved><![CDATA[1]]>'
                     f'</wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type>'
                     f'<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>')
    out.write(f'<item><title><![CDATA[Story {i}: {text(5)}]]></title><dc:creator><![CDATA[writer{1 + i % 20}]]>'
              f'</dc:creator><content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded>'
              f'<![CDATA[{text(20)}]]></excerpt:encoded><wp:post_id>{i}</wp:post_id><wp:post_date>'
              f'<![CDATA[{date}]]></wp:post_date><wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>'
              f'<wp:post_modified_gmt><![CDATA[{date}]]></wp:post_modified_gmt><wp:post_name>'
              f'<![CDATA[story-{i}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>'
              f'<wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[post]]></wp:post_type>'
              f'{category}{tags}{comments}</item>\n')
out.write('</channel>\n</rss>\n')
PY
echo "file: $(du -h "$work/site.xml" | cut -f1)"

"$binary" init "${store_args[@]}" >/dev/null
for run in first again; do
  /usr/bin/time -f "%e %M" -o "$work/import.time" \
    "$binary" import wordpress "${store_args[@]}" "$work/site.xml" >"$work/report.txt"
  read -r seconds kb <"$work/import.time"
  printf '%-6s run: %7.1f s, peak memory %4d MB, %6.0f posts/s   (%s)\n' "$run" "$seconds" \
    $((kb / 1024)) "$(awk -v n="$count" -v s="$seconds" 'BEGIN {print n / s}')" \
    "$(grep '^articles:' "$work/report.txt")"
done
