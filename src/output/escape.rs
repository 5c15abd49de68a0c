//! Text from outside (callback bodies and headers, provider answers, file names) reaches a
//! terminal only through here: control characters are shown escaped, so a forged callback or an
//! error page cannot move the cursor, retitle the terminal, ring the bell or overwrite a line
//! with a "verified ... paid" of its own. Every human path (tables, notes, warnings, errors,
//! `-v`, plain stdout text) calls `for_terminal`; machine formats (JSON, NDJSON, CSV, raw
//! requests) never do, so they stay exact.

use std::borrow::Cow;

/// Whether `c` is shown escaped: C0 controls other than newline and tab (ESC, BEL, CR, BS, ...),
/// DEL, C1 controls (U+0080..U+009F, which some terminals read as ESC sequences), and the
/// invisible or direction-changing characters that make text read other than it is.
fn is_escaped(c: char) -> bool {
    crate::values::is_hidden_char(c) && c != '\n' && c != '\t'
}

/// `text` with every escaped character written as `\u{1b}`-style (`\r` for CR), newlines and
/// tabs kept. Borrowed when nothing needs escaping, which is nearly always.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\r' => out.push_str("\\r"),
            c if is_escaped(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_shown_not_sent() {
        let cases = [
            ("\x1b]0;pwned\x07", "\\u{1b}]0;pwned\\u{7}"),
            ("\x1b[2K\rverified paid", "\\u{1b}[2K\\rverified paid"),
            ("a\x08b\x7fc", "a\\u{8}b\\u{7f}c"),
            ("\u{9b}31m", "\\u{9b}31m"),
            ("\u{202e}dias", "\\u{202e}dias"),
            ("nul\0", "nul\\u{0}"),
        ];
        for (raw, shown) in cases {
            assert_eq!(for_terminal(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn plain_text_newlines_and_tabs_pass_unchanged() {
        for text in ["order A-1 paid 150000 IDR", "two\nlines\tand a tab", "Rp 150.000 — ünïcode", ""] {
            assert!(matches!(for_terminal(text), Cow::Borrowed(t) if t == text), "{text:?}");
        }
    }

    #[test]
    fn nothing_escaped_keeps_a_control_character() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let shown = for_terminal(&all);
        assert!(shown.chars().all(|c| !is_escaped(c)), "every control character is escaped");
        assert!(shown.contains('\n') && shown.contains('\t'));
    }
}
