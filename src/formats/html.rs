//! Saved web pages (`.html`) to text.
//!
//! In: the page as text (decoded from its bytes by [`crate::decode`]). Out: the article
//! as a reader sees it, one block per line: headings, paragraphs, table cells, list items
//! (`- ` and the item). Left out: the head, scripts and styles, forms, and the chrome of a
//! news site — `nav`, `header` (unless it holds the `h1`), `footer`, `aside`, and elements
//! whose `class` or `id` mentions a menu, navigation, footer, sidebar, related articles,
//! comments, sharing, banners, adverts or a player. Entities are decoded by the parser
//! (html5ever, as browsers parse). The tree is walked without recursion, so nesting depth
//! costs no stack.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

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

/// The text of a web page, one block per line.
pub fn to_text(page: &str) -> String {
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
    s
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
        assert_eq!(to_text(page), "Tiêu đề & tin\nĐoạn một tiếp.\n- Mục a\n- Mục b\n");
    }

    #[test]
    fn nesting_is_walked_without_recursion() {
        let page = "<div>".repeat(5_000) + "sâu" + &"</div>".repeat(5_000);
        assert_eq!(to_text(&page), "sâu\n");
    }
}
