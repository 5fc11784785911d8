//! Saved web pages (`.html`) to text.
//!
//! In: the page as text (decoded from its bytes by [`crate::decode`]). Out: the article
//! as a reader sees it, one block per line: headings, paragraphs, table cells, list items
//! (`- ` and the item). Left out: the head, scripts and styles, forms, and the chrome of a
//! news site — `nav`, `header` (unless it holds the `h1`), `footer`, `aside`, and elements
//! whose `class` or `id` mentions a menu, navigation, footer, sidebar, related articles,
//! comments, sharing, banners, adverts or a player. Entities are decoded by the parser
//! (html5ever, as browsers parse). The tree is walked without recursion, so nesting depth
//! costs no stack; a page whose elements open more than [`MAX_DEPTH`] deep is refused
//! before it is parsed, since a browser's tree builder spends time in proportion to the
//! depth on every tag.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use crate::Error;

/// Elements left out with everything inside them.
const DROPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe", "svg", "button",
    "select", "object", "embed", "video", "audio", "canvas", "dialog",
];

/// Words in a `class` or `id` that mark chrome.
const CHROME: &[&str] =
    &["menu", "nav", "footer", "sidebar", "related", "comment", "share", "banner", "advert", "player", "breadcrumb"];

/// Elements that end a line before and after them.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "hr",
    "center",
    "body",
    "header",
];

/// How deep elements may open. Saved news and legal pages nest a few dozen deep.
pub const MAX_DEPTH: usize = 512;

/// Elements whose end tag a page may leave out, and elements that never hold content:
/// neither counts toward the depth.
const UNNESTED: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "rb", "rt",
    "rp", "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
];

/// The deepest the page's tags open, read from its tags alone (a bound, not a parse:
/// comments and scripts are read as text, and a stray end tag never takes it below 0).
fn tag_depth(page: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let bytes = page.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = bytes[start..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |n| start + n);
        if end == start {
            continue;
        }
        let name = page[start..end].to_ascii_lowercase();
        if UNNESTED.contains(&name.as_str()) {
            continue;
        }
        let self_closing =
            bytes[end..].iter().position(|&b| b == b'>').is_some_and(|n| n > 0 && bytes[end + n - 1] == b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// The text of a web page, one block per line.
///
/// # Errors
/// [`Error::Malformed`] when elements open more than [`MAX_DEPTH`] deep.
///
/// # Examples
/// ```
/// let page = "<html><body><nav>Trang chủ</nav><h1>Tin</h1><p>Đoạn &amp; văn.</p></body></html>";
/// assert_eq!(vanban::formats::html::to_text(page).unwrap(), "Tin\nĐoạn & văn.\n");
/// ```
pub fn to_text(page: &str) -> Result<String, Error> {
    let depth = tag_depth(page);
    if depth > MAX_DEPTH {
        return Err(Error::Malformed {
            format: "html",
            reason: format!("elements nested {depth} deep, more than {MAX_DEPTH}; a saved page never nests so deep"),
        });
    }
    let doc = Html::parse_document(page);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut skip: Option<ego_tree::NodeId> = None;
    let flush = |line: &mut String, lines: &mut Vec<String>| {
        let t = line.trim();
        if !t.is_empty() && t != "-" {
            lines.push(t.to_string());
        }
        line.clear();
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => push_text(&mut line, t),
                    Node::Element(e) => {
                        let name = e.name();
                        if dropped(name, e.attr("class"), e.id())
                            && !(name == "header" && node.descendants().any(|d| is_element(&d, "h1")))
                        {
                            skip = Some(node.id());
                            continue;
                        }
                        if name == "br" {
                            flush(&mut line, &mut lines);
                        } else if BLOCKS.contains(&name) {
                            flush(&mut line, &mut lines);
                            if name == "li" {
                                line.push_str("- ");
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip == Some(node.id()) {
                    skip = None;
                    continue;
                }
                if skip.is_some() {
                    continue;
                }
                if let Node::Element(e) = node.value() {
                    if BLOCKS.contains(&e.name()) {
                        flush(&mut line, &mut lines);
                    }
                }
            }
        }
    }
    flush(&mut line, &mut lines);
    let mut s = lines.join("\n");
    if !s.is_empty() {
        s.push('\n');
    }
    Ok(s)
}

fn is_element(node: &ego_tree::NodeRef<'_, Node>, name: &str) -> bool {
    matches!(node.value(), Node::Element(e) if e.name() == name)
}

/// Whether an element is left out: by its name, or by chrome words in its class or id.
fn dropped(name: &str, class: Option<&str>, id: Option<&str>) -> bool {
    if DROPPED.contains(&name) {
        return true;
    }
    if name == "header" {
        return true;
    }
    if matches!(name, "html" | "body" | "main" | "article" | "h1") {
        return false;
    }
    [class, id].into_iter().flatten().any(|v| {
        let v = v.to_ascii_lowercase();
        CHROME.iter().any(|w| v.contains(w))
    })
}

/// Appends text with runs of white space folded to one space.
fn push_text(line: &mut String, t: &str) {
    for (i, word) in t.split_ascii_whitespace().enumerate() {
        if (i > 0 || t.starts_with(|c: char| c.is_ascii_whitespace())) && !line.ends_with(' ') && !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if t.ends_with(|c: char| c.is_ascii_whitespace()) && !line.is_empty() && !line.ends_with(' ') {
        line.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_without_chrome() {
        let page = "<html><head><title>T</title><script>var x=1;</script></head><body>\
            <nav><a>Trang chủ</a></nav><div class='main-menu'>Menu</div>\
            <h1>Tiêu  đề &amp; tin</h1><p>Đoạn <b>một</b>\n tiếp.</p><ul><li>Mục a</li><li>Mục b</li></ul>\
            <aside><a>Tin liên quan</a></aside><div id='comments'>Bình luận</div><footer>©</footer></body></html>";
        assert_eq!(to_text(page).unwrap(), "Tiêu đề & tin\nĐoạn một tiếp.\n- Mục a\n- Mục b\n");
    }

    #[test]
    fn nesting_is_walked_without_recursion() {
        let page = "<div><span>".repeat(MAX_DEPTH / 2) + "sâu" + &"</span></div>".repeat(MAX_DEPTH / 2);
        assert_eq!(to_text(&page).unwrap(), "sâu\n");
    }

    #[test]
    fn deeper_nesting_is_refused_before_parsing() {
        let page = "<div>".repeat(MAX_DEPTH + 1) + "sâu";
        let e = to_text(&page).unwrap_err();
        assert!(e.to_string().contains("nested 513 deep"), "{e}");
        // Unclosed paragraphs and list items, void elements and self-closed tags do not nest.
        let flat = "<p>đoạn<li>mục<br><img src=a><x-icon/>".repeat(10 * MAX_DEPTH);
        assert_eq!(tag_depth(&flat), 0);
        assert_eq!(tag_depth("</div></div><div><b>x</b></div>"), 2);
    }
}
