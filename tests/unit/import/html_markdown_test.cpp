#include "import/html_markdown.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "render/markdown.h"

namespace broadsheet::import {
namespace {

std::string Md(std::string_view html) { return HtmlToMarkdown(html).markdown; }

std::string Repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

bool Has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// ---- WordPress's blank-line paragraphs

TEST(HtmlMarkdown, issue_0014_BlankLinesBecomeParagraphs) {
  EXPECT_EQ(Md("One\ntwo\n\nThree\r\n\r\nFour"), "One\\\ntwo\n\nThree\n\nFour\n");
  // A <br> already ending the line makes no second break.
  EXPECT_EQ(Md("a<br />\nb"), "a\\\nb\n");
  // WordPress's <!--more--> on its own line ends a paragraph; other comments vanish.
  EXPECT_EQ(Md("Intro\n<!--more-->\nRest <!-- x -->here"), "Intro\n\nRest here\n");
}

TEST(HtmlMarkdown, issue_0014_BlankLinesLeavePreAndBlocksAlone) {
  EXPECT_EQ(Md("<pre>a\n\nb</pre>\n<h2>Title</h2>\nText\n<div>In\n\ndiv</div>"),
            "```\na\n\nb\n```\n\n## Title\n\nText\n\nIn\n\ndiv\n");
  EXPECT_EQ(Md("<ul>\n<li>one</li>\n<li>two\nlines</li>\n</ul>"), "- one\n- two\\\n  lines\n");
  EXPECT_EQ(Md("<script>\nvar a;\n\nvar b;\n</script>\nText"), "Text\n");
}

TEST(HtmlMarkdown, issue_0014_BlockEditorKeepsItsParagraphs) {
  // Block-editor content has its <p>: newlines are only whitespace, comments are dropped.
  EXPECT_EQ(Md("<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->\n\n"
               "<!-- wp:paragraph -->\n<p>Three</p>\n<!-- /wp:paragraph -->"),
            "One two\n\nThree\n");
}

// ---- Shortcodes and plugin tags

TEST(HtmlMarkdown, issue_0014_ShortcodesAreRemovedAndListed) {
  const ConvertedBody body = HtmlToMarkdown(
      "[gallery ids=\"1,2\"]Text [su_box title=\"x\"]boxed[/su_box] [note]n[/note] "
      "[contact-form-7 id=\"9\"]");
  EXPECT_EQ(body.markdown, "Text boxed n\n");
  EXPECT_EQ(body.removed, (std::vector<std::string>{"[gallery ids=\"1,2\"]", "[su_box title=\"x\"]",
                                                    "[note]", "[contact-form-7 id=\"9\"]"}));
}

TEST(HtmlMarkdown, issue_0014_BracketedProseIsNotAShortcode) {
  const ConvertedBody body =
      HtmlToMarkdown("He said [sic], see [1] and [Editor's note] or [via Reuters]. [[gallery]]");
  EXPECT_EQ(body.markdown,
            "He said \\[sic\\], see \\[1\\] and \\[Editor's note\\] or \\[via Reuters\\]. "
            "\\[gallery\\]\n");
  EXPECT_TRUE(body.removed.empty());
  // Not inside code either.
  EXPECT_EQ(Md("<pre>[gallery]</pre><p><code>{loadmodule x}</code></p>"),
            "```\n[gallery]\n```\n\n`{loadmodule x}`\n");
}

TEST(HtmlMarkdown, issue_0014_CaptionShortcodeKeepsImageAndCaption) {
  const ConvertedBody body = HtmlToMarkdown(
      "[caption id=\"attachment_7\" width=\"300\"]<a href=\"https://x.org/big.jpg\">"
      "<img src=\"https://x.org/s.jpg\" alt=\"Road\" /></a> Road works[/caption]");
  EXPECT_EQ(body.markdown,
            "[![Road](https://x.org/s.jpg)](https://x.org/big.jpg)\n\n*Road works*\n");
  EXPECT_EQ(body.removed,
            (std::vector<std::string>{"[caption id=\"attachment_7\" width=\"300\"]"}));
}

TEST(HtmlMarkdown, issue_0014_EmbedShortcodesBecomeLinkParagraphs) {
  const ConvertedBody body = HtmlToMarkdown(
      "Watch: [embed]https://youtu.be/abc[/embed] or [video mp4=\"https://x.org/v.mp4\"][/video]"
      "[audio src=\"javascript:x\" /]");
  EXPECT_EQ(body.markdown,
            "Watch:\n\n[https://youtu.be/abc](https://youtu.be/abc)\n\nor\n\n"
            "[https://x.org/v.mp4](https://x.org/v.mp4)\n");
  EXPECT_EQ(body.removed.size(), 3u);
}

TEST(HtmlMarkdown, issue_0014_K2PluginTagsAreRemovedAndListed) {
  const ConvertedBody body = HtmlToMarkdown(
      "<p>{loadmodule mod_x,Title}Intro {gallery}trip/2019{/gallery}{mosimage}</p>"
      "<p>{youtube}dQw4w9WgXcQ{/youtube}</p><p>{see below} {\"json\": 1} {tab=A}kept{/tab}</p>");
  EXPECT_EQ(body.markdown,
            "Intro\n\n[https://www.youtube.com/watch?v=dQw4w9WgXcQ]"
            "(https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\n{see below} {\"json\": 1} kept\n");
  EXPECT_EQ(body.removed, (std::vector<std::string>{"{loadmodule mod_x,Title}", "{gallery}",
                                                    "{mosimage}", "{youtube}", "{tab=A}"}));
}

// ---- Elements

TEST(HtmlMarkdown, issue_0014_HeadingsStartAtLevelTwo) {
  // The page's title is its <h1>, so a body's <h1> becomes ##.
  EXPECT_EQ(Md("<h1>Title</h1><h2>Sub</h2><h3>C# #</h3><h6>Six</h6><h4> </h4>"),
            "## Title\n\n## Sub\n\n### C\\# \\#\n\n###### Six\n");
}

TEST(HtmlMarkdown, issue_0014_InlineStyles) {
  EXPECT_EQ(Md("<p><strong>b</strong> <b>B</b> <em>e</em> <i>i</i> <del>d</del> <s>s</s> "
               "<strike>k</strike> <b><strong>once</strong></b></p>"),
            "**b** **B** *e* *i* ~~d~~ ~~s~~ ~~k~~ **once**\n");
  // Whitespace just inside a delimiter would stop cmark reading it: it moves outside.
  EXPECT_EQ(Md("<p>a<b> bold </b>c<em></em>d</p>"), "a **bold** cd\n");
  EXPECT_EQ(Md("<p>a<br>b<br></p><p><br>c</p>"), "a\\\nb\n\nc\n");
}

TEST(HtmlMarkdown, issue_0014_Lists) {
  EXPECT_EQ(Md("<ol start=\"3\"><li>c<ul><li>x</li></ul></li><li>d</li></ol>"),
            "3. c\n   - x\n4. d\n");
  EXPECT_EQ(Md("<ul><li><p>one</p><p>two</p></li><li></li><li>three</li></ul>"),
            "- one\n\n  two\n- three\n");
  // Two lists in a row stay two lists.
  EXPECT_EQ(Md("<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol>"),
            "- a\n\n* b\n\n1. c\n\n1) d\n");
}

TEST(HtmlMarkdown, issue_0014_LinksKeepOnlySafeAddresses) {
  EXPECT_EQ(Md("<p><a href=\"https://x.org/a b(c)\" title=\"T &quot;q&quot;\">x</a> "
               "<a href=\"/path?q=1#f\">p</a> <a href=\"mailto:a@b.c\">m</a> "
               "<a href=\"javascript:alert(1)\">j</a> <a href=\" java&#9;script:x\">t</a> "
               "<a href=\"ftp://x\">f</a> <a href=\"\">e</a> <a name=\"n\"></a>wow!"
               "<a href=\"#a\">a</a></p>"),
            "[x](https://x.org/a%20b\\(c\\) \"T \\\"q\\\"\") [p](/path?q=1#f) [m](mailto:a@b.c) j "
            "t f e wow\\![a](#a)\n");
}

TEST(HtmlMarkdown, issue_0014_ImagesAndFigures) {
  const ConvertedBody body = HtmlToMarkdown(
      "<p><img src=\"https://x.org/a.jpg\" alt=\"A [1]\" title=\"T\"> "
      "<a href=\"https://x.org/big.jpg\"><img src=\"/b.jpg\"></a> "
      "<img src=\"data:image/png;base64,AA\"> <img src=\"https://x.org/a.jpg\"></p>"
      "<figure class=\"wp-block-image\"><figcaption>Cap <em>x</em></figcaption>"
      "<img src=\"/c.jpg\" alt=\"\"></figure>");
  EXPECT_EQ(body.markdown,
            "![A \\[1\\]](https://x.org/a.jpg \"T\") [![](/b.jpg)](https://x.org/big.jpg) "
            "![](https://x.org/a.jpg)\n\n![](/c.jpg)\n\n*Cap x*\n");
  EXPECT_EQ(body.image_urls, (std::vector<std::string>{"https://x.org/a.jpg", "/b.jpg", "/c.jpg"}));
}

TEST(HtmlMarkdown, issue_0014_Code) {
  EXPECT_EQ(Md("<p><code>a`b</code> <code> x </code> <kbd>Ctrl</kbd></p>"), "``a`b`` `x` `Ctrl`\n");
  EXPECT_EQ(Md("<pre class=\"wp-block-code\"><code class=\"language-js\">let a = `x`;\n```\n"
               "</code></pre>"),
            "````js\nlet a = `x`;\n```\n````\n");
  EXPECT_EQ(Md("<pre class=\"brush: php; gutter: false\">echo 1;<br>echo 2;</pre>"),
            "```php\necho 1;\necho 2;\n```\n");
  // Fences side by side would merge into one run of backticks: the spans become one.
  EXPECT_EQ(Md("<p><code>a</code><code>`b</code> <code>&lt;tt&gt;</code></p>"), "``a`b`` `<tt>`\n");
}

TEST(HtmlMarkdown, issue_0014_BlockQuotes) {
  EXPECT_EQ(Md("<blockquote class=\"wp-block-quote\"><p>Q</p><cite>Who</cite></blockquote>"),
            "> Q\n>\n> — Who\n");
  EXPECT_EQ(Md("<blockquote><p>a</p><blockquote><p>b</p></blockquote></blockquote><p>c</p>"),
            "> a\n>\n> > b\n\nc\n");
}

TEST(HtmlMarkdown, issue_0014_Tables) {
  EXPECT_EQ(Md("<table><thead><tr><th>A</th><th>B|C</th></tr></thead><tbody><tr><td><p>1</p>"
               "</td><td><code>x|y</code></td></tr><tr><td>2<br>3</td></tr></tbody></table>"),
            "| A | B\\|C |\n| --- | --- |\n| 1 | `x\\|y` |\n| 2 3 |  |\n");
  // Without <th> or <thead> the header row is empty.
  EXPECT_EQ(Md("<table><tr><td>a</td><td>b</td></tr></table>"),
            "|  |  |\n| --- | --- |\n| a | b |\n");
  // Spanning cells and nested tables have no pipe-table form: cells become paragraphs.
  EXPECT_EQ(Md("<table><caption>Cap</caption><tr><td colspan=\"2\">wide</td></tr><tr><td>a</td>"
               "<td>b</td></tr></table>"),
            "Cap\n\nwide\n\na\n\nb\n");
  EXPECT_EQ(Md("<table><tr><td>out<table><tr><th>in</th></tr></table></td></tr></table>"),
            "out\n\n| in |\n| --- |\n");
}

TEST(HtmlMarkdown, issue_0014_OtherElementsKeepTheirContent) {
  EXPECT_EQ(Md("<div><span>a</span> <font color=\"red\">b</font> <u>c</u> <small>d</small> "
               "x<sup>2</sup> <custom-tag>e</custom-tag></div><center>f</center><p>g</p><hr>"
               "<section>h</section>"),
            "a b c d x2 e\n\nf\n\ng\n\n---\n\nh\n");
}

TEST(HtmlMarkdown, issue_0014_DroppedElements) {
  EXPECT_EQ(Md("<p>a<script>alert(1)</script><style>p{}</style><noscript>n</noscript>b</p>"
               "<form><input value=\"i\"><button>x</button><select><option>o</option></select>"
               "<textarea>t</textarea></form><svg><text>s</text></svg><object>o</object>"
               "<template><p>t</p></template>"
               "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>"
               "<iframe src=\"javascript:alert(1)\"></iframe><p>c</p>"),
            "ab\n\n[https://www.youtube.com/embed/x](https://www.youtube.com/embed/x)\n\nc\n");
  // Inside a link an iframe's address is text: links do not nest.
  EXPECT_EQ(Md("<a href=\"https://x.org\"><iframe src=\"https://y.org/v\"></iframe>v</a>"),
            "[https://y.org/v v](https://x.org)\n");
}

// ---- Text

TEST(HtmlMarkdown, issue_0014_TextIsEscaped) {
  EXPECT_EQ(Md("<p>*a* _b_ snake_case `c` [d] &lt;e&gt; ~f~ a|b \\ AT&amp;T &amp;amp; &amp;#1; "
               "x! # y</p>"),
            "\\*a\\* \\_b\\_ snake_case \\`c\\` \\[d\\] \\<e\\> \\~f\\~ a\\|b \\\\ AT&T \\&amp; "
            "\\&#1; x! # y\n");
  // What would start a block at a line's start.
  EXPECT_EQ(Md("<p># a<br>- b<br>+ c<br>1. d<br>2) e<br>=<br>&gt; g<br>    h</p>"),
            "\\# a\\\n\\- b\\\n\\+ c\\\n1\\. d\\\n2\\) e\\\n\\=\\\n\\> g\\\nh\n");
}

TEST(HtmlMarkdown, issue_0014_WhitespaceCollapsesAndUnicodeStays) {
  EXPECT_EQ(Md("<p>  a \t b&nbsp;&nbsp;c </p><p>&nbsp;</p><p>Ünïcödé 中文 🎉</p>"),
            "a b c\n\nÜnïcödé 中文 🎉\n");
  EXPECT_EQ(Md(""), "");
  EXPECT_EQ(Md("\n\n<p> </p>\n\n"), "");
}

TEST(HtmlMarkdown, issue_0014_BareAddressesBecomeLinks) {
  // GFM's autolink extension reads the Markdown source, so "a\_b" would stay in its address.
  EXPECT_EQ(Md("<p>See https://x.org/a_b_(c). And www.x.org/_y, or xhttps://no_</p>"),
            "See [https://x.org/a_b\\_(c)](https://x.org/a_b_\\(c\\)). And "
            "[www.x.org/\\_y](http://www.x.org/_y), or xhttps://no\\_\n");
  const std::string html = render::RenderMarkdown(Md("<p>https://x.org/a_b</p>"));
  EXPECT_TRUE(Has(html, "<a href=\"https://x.org/a_b\">https://x.org/a_b</a>")) << html;
}

// ---- Hostile input

TEST(HtmlMarkdown, issue_0014_HostileInputGivesNothingDangerous) {
  const std::string markdown =
      Md("<script>alert(1)</script><img src=x onerror=alert(1)><p onclick=\"e()\">t</p>"
         "<a href=\"javascript:alert(1)\">j</a><a href=\"JaVaScRiPt:x\">J</a>"
         "<a href=\"vbscript:x\">v</a><a href=\"data:text/html,x\">d</a>"
         "<iframe src=\"javascript:alert(1)\"></iframe><svg onload=alert(1)></svg>"
         "&lt;script&gt;alert(2)&lt;/script&gt;<style>*{}</style><object data=x></object>");
  const std::string html = render::RenderMarkdown(markdown);
  EXPECT_FALSE(Has(html, "<script")) << html;
  EXPECT_FALSE(Has(html, "<iframe")) << html;
  EXPECT_FALSE(Has(html, "onerror")) << html;
  EXPECT_FALSE(Has(html, "onclick")) << html;
  EXPECT_FALSE(Has(html, "onload")) << html;
  EXPECT_FALSE(Has(html, "script:")) << html;
  EXPECT_FALSE(Has(html, "data:")) << html;
  EXPECT_FALSE(Has(html, "raw HTML omitted")) << html;  // the Markdown holds no HTML at all
  EXPECT_TRUE(Has(html, "&lt;script&gt;alert(2)&lt;/script&gt;")) << html;
}

TEST(HtmlMarkdown, issue_0014_DeepNestingDoesNotCrash) {
  for (const std::string_view tag : {"div", "blockquote", "ul", "b", "table", "a"}) {
    const std::string html = Repeat("<" + std::string(tag) + ">", 10000) + "deep text";
    EXPECT_TRUE(Has(Md(html), "deep text")) << tag;
  }
  const std::string quotes = Md(Repeat("<blockquote>", 20) + "q");
  EXPECT_EQ(quotes, Repeat("> ", 8) + "q\n");  // nested quotes past 8 are flattened
}

TEST(HtmlMarkdown, issue_0014_MegabyteInputConverts) {
  // Linear time; the test only has to finish (the budget is the suite's, not asserted here).
  const std::string html = Repeat(
      "<p>Some <b>bold</b> and a <a href=\"https://x.org/a\">link</a> [sic] {x}.</p>\n"
      "Classic line\nnext line\n\n<ul><li>item</li></ul><table><tr><td>c</td></tr></table>"
      "[gallery ids=\"1\"] https://x.org/u_v ",
      5500);
  ASSERT_GT(html.size(), 1000000u);
  const ConvertedBody body = HtmlToMarkdown(html);
  EXPECT_EQ(body.removed.size(), 5500u);
  EXPECT_GT(body.markdown.size(), 500000u);
}

TEST(HtmlMarkdown, issue_0014_ConvertingIsDeterministic) {
  const std::string html = "<p>a [gallery] {loadmodule x} <img src=\"/i.jpg\"></p><ul><li>b</li>";
  const ConvertedBody first = HtmlToMarkdown(html);
  const ConvertedBody second = HtmlToMarkdown(html);
  EXPECT_EQ(first.markdown, second.markdown);
  EXPECT_EQ(first.removed, second.removed);
  EXPECT_EQ(first.image_urls, second.image_urls);
}

// ---- Whole posts through the site's renderer

constexpr std::string_view kBlockEditorPost = R"(<!-- wp:paragraph -->
<p>The council voted <strong>7–2</strong> to <a href="https://example.org/budget">approve the budget</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>What changes</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><!-- wp:list-item -->
<li>Bus fares drop</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Two new libraries</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>A good day for the city.</p>
<!-- /wp:paragraph --><cite>Mayor Jane Doe</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:image {"id":42} -->
<figure class="wp-block-image size-large"><img src="https://example.org/uploads/council.jpg" alt="The chamber" class="wp-image-42"/><figcaption class="wp-element-caption">The chamber</figcaption></figure>
<!-- /wp:image -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Item</th><th>Cost</th></tr></thead><tbody><tr><td>Buses</td><td>$1.2m</td></tr></tbody></table></figure>
<!-- /wp:table -->

<!-- wp:code -->
<pre class="wp-block-code"><code class="language-python">print(sum([1, 2]))</code></pre>
<!-- /wp:code -->

<!-- wp:shortcode -->
[gallery ids="12,13"]
<!-- /wp:shortcode -->)";

constexpr std::string_view kClassicPost = R"(Residents gathered at the <b>town hall</b>.
They asked about the road.

{loadmodule mod_custom,Promo}
<h2>Background</h2>
The road was built in 1962.

[caption id="attachment_7" width="300"]<img src="https://example.org/road.jpg" alt="Road" /> The road[/caption]
<ul>
	<li>Repaving: <a href="https://example.org/plan">the plan</a></li>
	<li>Costs</li>
</ul>
<blockquote>Fix it now.</blockquote>
<table>
<tr><th>Year</th><th>Cost</th></tr>
<tr><td>2024</td><td>$2m</td></tr>
</table>
<pre class="lang-sql">SELECT 1;</pre>
[gallery ids="3"])";

void ExpectRenderedPost(const ConvertedBody& body, std::string_view language) {
  const std::string html = render::RenderMarkdown(body.markdown);
  EXPECT_TRUE(Has(html, "<h2>")) << html;
  EXPECT_TRUE(Has(html, "<ul>\n<li>")) << html;
  EXPECT_TRUE(Has(html, "<blockquote>")) << html;
  EXPECT_TRUE(Has(html, "<table>")) << html;
  EXPECT_TRUE(Has(html, "<pre><code class=\"language-" + std::string(language) + "\">")) << html;
  EXPECT_TRUE(Has(html, "<img src=\"https://example.org/")) << html;
  EXPECT_TRUE(Has(html, "<a href=\"https://example.org/")) << html;
  EXPECT_FALSE(Has(html, "wp:")) << html;
  EXPECT_FALSE(Has(html, "[gallery")) << html;
  EXPECT_FALSE(Has(html, "{loadmodule")) << html;
  EXPECT_FALSE(Has(html, "raw HTML omitted")) << html;
}

TEST(HtmlMarkdown, issue_0014_BlockEditorPostRendersItsStructure) {
  const ConvertedBody body = HtmlToMarkdown(kBlockEditorPost);
  ExpectRenderedPost(body, "python");
  EXPECT_TRUE(Has(render::RenderMarkdown(body.markdown), "<p>— Mayor Jane Doe</p>"));
  EXPECT_EQ(body.removed, (std::vector<std::string>{"[gallery ids=\"12,13\"]"}));
  EXPECT_EQ(body.image_urls, (std::vector<std::string>{"https://example.org/uploads/council.jpg"}));
}

TEST(HtmlMarkdown, issue_0014_ClassicPostRendersItsStructure) {
  const ConvertedBody body = HtmlToMarkdown(kClassicPost);
  ExpectRenderedPost(body, "sql");
  const std::string html = render::RenderMarkdown(body.markdown);
  EXPECT_TRUE(Has(html,
                  "<p>Residents gathered at the <strong>town hall</strong>.<br />\n"
                  "They asked about the road.</p>"))
      << html;
  EXPECT_TRUE(Has(html, "<p><em>The road</em></p>")) << html;
  EXPECT_EQ(body.removed, (std::vector<std::string>{"{loadmodule mod_custom,Promo}",
                                                    "[caption id=\"attachment_7\" width=\"300\"]",
                                                    "[gallery ids=\"3\"]"}));
}

}  // namespace
}  // namespace broadsheet::import
