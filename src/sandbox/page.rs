//! The hosted checkout page every emulated provider serves at its `checkout_url`.

use super::{Order, OrderState};
use axum::http::StatusCode;
use axum::response::Html;

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// "Rp 150.000", "₱50.00", "20.5 USDT": what a shopper expects to read.
pub fn format_amount(amount: &rust_decimal::Decimal, currency: &str) -> String {
    match currency.to_ascii_uppercase().as_str() {
        "IDR" => format!("Rp {}", group(&amount.trunc().to_string(), '.')),
        "PHP" => {
            let s = format!("{:.2}", amount.round_dp(2));
            let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
            format!("₱{}.{}", group(int, ','), frac)
        }
        other => format!("{} {}", amount.normalize(), other),
    }
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The market's clock for a provider's shoppers: Indonesia (WIB, UTC+7) for Cashy and Zenospay,
/// the Philippines (PHT, UTC+8) for PayCools, UTC for Payfect's crypto payers.
pub fn market_zone(provider: &str) -> (chrono::FixedOffset, &'static str) {
    let (hours, name) = match provider {
        "cashy" | "zenospay" => (7, "WIB"),
        "paycools" => (8, "PHT"),
        _ => (0, "UTC"),
    };
    (chrono::FixedOffset::east_opt(hours * 3600).expect("a valid offset"), name)
}

/// `2024-07-30 15:31 WIB`: a time as the shopper's market reads it, its zone named.
pub fn market_time(provider: &str, at: &chrono::DateTime<chrono::Utc>) -> String {
    let (zone, name) = market_zone(provider);
    format!("{} {name}", at.with_timezone(&zone).format("%Y-%m-%d %H:%M"))
}

/// A channel code as a shopper knows it (`BCA_VA` is "BCA Virtual Account").
pub fn channel_name(code: &str) -> String {
    let known = match code.to_ascii_uppercase().as_str() {
        "QRIS" => "QRIS",
        "QRPH" => "QR Ph",
        "OVO" => "OVO",
        "GCASH" => "GCash",
        "MAYA" => "Maya",
        "BPI" => "BPI Online",
        "BCA" | "BCA_VA" => "BCA Virtual Account",
        "BRI" | "BRI_VA" => "BRI Virtual Account",
        "BNI" | "BNI_VA" => "BNI Virtual Account",
        "MANDIRI" | "MANDIRI_VA" => "Mandiri Virtual Account",
        _ => return code.replace('_', " "),
    };
    known.to_string()
}

/// "BCA Virtual Account (BCA_VA)", or just the name when it is the code.
fn channel_label(code: &str) -> String {
    let name = channel_name(code);
    if name == code { name } else { format!("{name} ({code})") }
}

/// Where the shopper goes back to after paying, when the checkout named one.
fn return_url(order: &Order) -> Option<&str> {
    ["redirectUrl", "successUrl", "redirect_url", "success_url"]
        .iter()
        .find_map(|k| order.data.get(*k).and_then(|v| v.as_str()))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// Channels paid by scanning a code (QRIS, QRPH, ...): the page shows a QR image for them.
pub fn is_qr_channel(channel: &str) -> bool {
    channel.to_ascii_uppercase().contains("QR")
}

/// `page_url` is the page's own absolute URL: what the QR code carries.
pub fn render(order: &Order, channels: &[&str], page_url: &str) -> Html<String> {
    let amount = format_amount(&order.amount, &order.currency);
    let text = |key: &str| order.data.get(key).and_then(|v| v.as_str()).filter(|s| !s.is_empty());
    let product = text("product").or_else(|| text("description")).unwrap_or("Order");
    let customer = ["customer_name", "realName", "customerName", "name"]
        .iter()
        .find_map(|k| text(k))
        .map(|n| format!("<dt>Customer</dt><dd id=\"customer\">{}</dd>\n", escape(n)))
        .unwrap_or_default();
    let (state, expiry_label) = match order.state {
        OrderState::Pending => ("Awaiting payment", "Expires"),
        OrderState::Paid => ("Paid", "Was open until"),
        OrderState::Failed => ("Failed", "Was open until"),
        OrderState::Expired => ("Expired", "Expired at"),
    };
    let expires_text = market_time(&order.provider, &order.expires_at);
    let body = match order.state {
        OrderState::Pending => pending_body(order, channels, &amount, page_url),
        OrderState::Paid => {
            let paid = format!(
                "<p class=\"result ok\" id=\"result\">Paid with {}.",
                escape(&channel_label(order.channel.as_deref().unwrap_or("-")))
            );
            match return_url(order) {
                Some(url) => format!(
                    "<meta http-equiv=\"refresh\" content=\"5;url={u}\">{paid} Taking you back to the shop in a \
                     moment, or <a id=\"return\" href=\"{u}\">return now</a>.</p>",
                    u = escape(url)
                ),
                None => format!("{paid} You can close this page.</p>"),
            }
        }
        OrderState::Failed => "<p class=\"result bad\" id=\"result\">Payment failed.</p>".into(),
        OrderState::Expired => format!(
            "<p class=\"result bad\" id=\"result\">This checkout expired at {}; ask the shop for a new one.</p>",
            escape(&expires_text)
        ),
    };
    Html(fill(
        TEMPLATE,
        &[
            ("title", &escape(&format!("{amount} · {} checkout", order.provider))),
            ("provider", &escape(&order.provider)),
            ("amount", &escape(&amount)),
            ("product", &escape(product)),
            ("merchant", &escape(order.merchant_order_id.as_deref().unwrap_or("-"))),
            ("customer", &customer),
            ("id", &escape(&order.id)),
            ("state", state),
            ("expiry_label", expiry_label),
            ("expires_text", &expires_text),
            ("body", &body),
        ],
    ))
}

const TEMPLATE: &str = include_str!("page.html");

/// Replaces `{{name}}` in one pass, so substituted text is never scanned again.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 4096);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}").and_then(|end| values.iter().find(|(k, _)| *k == &after[..end]).map(|(_, v)| (end, v))) {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn pending_body(order: &Order, channels: &[&str], amount: &str, page_url: &str) -> String {
    let action_base = format!("/_sandbox/orders/{}/{}", escape(&order.provider), escape(&order.id));
    let options: String = channels
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "<label class=\"ch\"><input type=\"radio\" name=\"channel\" value=\"{c}\"{}{}> {name}</label>",
                if is_qr_channel(c) { " data-qr" } else { "" },
                if i == 0 { " checked" } else { "" },
                c = escape(c),
                name = escape(&channel_name(c))
            )
        })
        .collect();
    let qr = if channels.iter().any(|c| is_qr_channel(c)) {
        format!(
            "<div class=\"qr\" id=\"qr\">{}<p>Scan to open this checkout on a phone. In the sandbox no wallet is \
             involved: choose Pay below to complete the payment.</p></div>",
            qr_svg(page_url)
        )
    } else {
        String::new()
    };
    format!(
        r#"<form method="post" action="{action_base}/pay" id="pay-form">
  <fieldset><legend>Pay with</legend><div class="channels">{options}</div></fieldset>
  {qr}
  <button type="submit" id="pay">Pay {amount}</button>
</form>
<div class="row">
  <form method="post" action="{action_base}/fail"><button type="submit" id="fail" class="secondary">Simulate failure</button></form>
  <form method="post" action="{action_base}/expire"><button type="submit" id="expire" class="secondary">Let it expire</button></form>
</div>
<p class="muted">Expires in <span id="countdown" data-expires="{expires}">…</span></p>
<script>
(function () {{
  var el = document.getElementById('countdown');
  var end = Date.parse(el.dataset.expires);
  function tick() {{
    var s = Math.max(0, Math.floor((end - Date.now()) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    el.textContent = (h ? h + 'h ' : '') + m + 'm ' + (sec < 10 ? '0' : '') + sec + 's';
    if (s === 0) {{
      // The sandbox expires the order when it is next read: show that state.
      document.getElementById('pay').disabled = true;
      clearInterval(timer);
      setTimeout(function () {{ location.reload(); }}, 1000);
    }}
  }}
  var timer = setInterval(tick, 1000);
  tick();
}})();
</script>"#,
        amount = escape(amount),
        expires = order.expires_at.to_rfc3339(),
    )
}

/// The text as an inline SVG QR code (dark modules on white, with the quiet zone scanners need).
pub fn qr_svg(text: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(176, 176)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build()
            // Inline in HTML: drop the XML prolog, keep the <svg> element.
            .split_once("<svg")
            .map(|(_, rest)| format!("<svg role=\"img\" aria-label=\"QR code\"{rest}"))
            .unwrap_or_default(),
        Err(_) => "<p>(this link is too long for a QR code)</p>".into(),
    }
}

/// A page for an order this sandbox does not have: a readable 404 that says why that may be.
pub fn not_found(provider: &str, id: &str) -> (StatusCode, Html<String>) {
    let body = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Checkout not found</title>\
         <body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem\">\
         <h1>Checkout not found</h1><p id=\"result\">This sandbox has no {} checkout <code>{}</code>.</p>\
         <p>It may have been created by another sandbox run: orders live in memory unless the sandbox \
         runs with <code>--state FILE</code>. Create a new checkout and open its <code>checkout_url</code>.</p>",
        escape(provider),
        escape(id)
    );
    (StatusCode::NOT_FOUND, Html(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn times_in_the_markets_zone_and_channels_by_name() {
        let at = chrono::DateTime::parse_from_rfc3339("2024-07-30T08:31:10Z").unwrap().with_timezone(&chrono::Utc);
        assert_eq!(market_time("cashy", &at), "2024-07-30 15:31 WIB");
        assert_eq!(market_time("zenospay", &at), "2024-07-30 15:31 WIB");
        assert_eq!(market_time("paycools", &at), "2024-07-30 16:31 PHT");
        assert_eq!(market_time("payfect", &at), "2024-07-30 08:31 UTC");
        assert_eq!(channel_name("BCA_VA"), "BCA Virtual Account");
        assert_eq!(channel_name("GCASH"), "GCash");
        assert_eq!(channel_name("USDT (TRC20)"), "USDT (TRC20)");
        assert_eq!(channel_label("QRIS"), "QRIS");
    }

    #[test]
    fn paid_pages_return_to_the_redirect_url_and_unknown_orders_are_a_readable_404() {
        let mut o = order(OrderState::Paid);
        o.channel = Some("BCA_VA".into());
        o.data = serde_json::json!({"redirectUrl": "https://shop.example/thanks?o=1&x=\"2\""});
        let html = render(&o, &[], "x").0;
        assert!(html.contains("Paid with BCA Virtual Account (BCA_VA)."), "{html}");
        assert!(html.contains(r#"id="return" href="https://shop.example/thanks?o=1&amp;x=&quot;2&quot;""#), "{html}");
        assert!(html.contains(r#"content="5;url=https://shop.example/thanks"#));
        o.data = serde_json::json!({"redirectUrl": "javascript:alert(1)"});
        assert!(!render(&o, &[], "x").0.contains("id=\"return\""), "only http(s) URLs are followed");
        let (status, page) = not_found("zenospay", "<x>");
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            page.0.contains("Checkout not found") && page.0.contains("&lt;x&gt;") && page.0.contains("--state FILE")
        );
    }

    #[test]
    fn amounts_read_naturally() {
        let d = |s| rust_decimal::Decimal::from_str(s).unwrap();
        assert_eq!(format_amount(&d("150000"), "IDR"), "Rp 150.000");
        assert_eq!(format_amount(&d("1234567.8"), "PHP"), "₱1,234,567.80");
        assert_eq!(format_amount(&d("20.50"), "usdt"), "20.5 USDT");
        assert_eq!(escape("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
    }

    fn order(state: OrderState) -> Order {
        let now = chrono::Utc::now();
        Order {
            provider: "cashy".into(),
            id: "REF<1>".into(),
            merchant_order_id: Some("M-1".into()),
            amount: rust_decimal::Decimal::from(150_000),
            currency: "IDR".into(),
            state,
            channel: Some("QRIS".into()),
            fee: None,
            rrn: None,
            created_at: now,
            updated_at: now,
            paid_at: None,
            expires_at: now + chrono::Duration::hours(1),
            callback_url: None,
            page_path: "/p/1".into(),
            data: serde_json::json!({"product": "Kopi {{body}} <b>", "realName": "Budi"}),
        }
    }

    #[test]
    fn pending_page_has_summary_channels_qr_and_form_actions() {
        let html = render(&order(OrderState::Pending), &["QRIS", "BCA_VA"], "http://127.0.0.1:1/p/1").0;
        assert!(html.contains(r#"id="amount">Rp 150.000<"#));
        assert!(html.contains("Kopi {{body}} &lt;b&gt;"), "substituted text is not expanded again");
        assert!(html.contains("<dd id=\"customer\">Budi</dd>"));
        assert!(html.contains("REF&lt;1&gt;") && !html.contains("REF<1>"));
        assert!(html.contains(r#"action="/_sandbox/orders/cashy/REF&lt;1&gt;/pay""#));
        assert!(html.contains(r#"action="/_sandbox/orders/cashy/REF&lt;1&gt;/fail""#));
        assert!(html.contains(r#"name="channel" value="QRIS" data-qr checked"#));
        assert!(html.contains(r#"name="channel" value="BCA_VA"> BCA Virtual Account</label>"#));
        assert!(html.contains(" WIB</dd>"), "expiry in the market's zone, named");
        assert!(html.contains("<svg role=\"img\"") && html.contains("id=\"countdown\""));
        assert_eq!(html.matches("{{").count(), 1, "every placeholder filled; only the product text has braces");
    }

    #[test]
    fn no_qr_without_a_qr_channel_and_final_states_show_a_result() {
        let html = render(&order(OrderState::Pending), &["BCA_VA"], "http://x/p").0;
        assert!(!html.contains("<svg"));
        let paid = render(&order(OrderState::Paid), &["QRIS"], "http://x/p").0;
        assert!(paid.contains("id=\"result\">Paid with QRIS") && !paid.contains("id=\"pay\""));
        let expired = render(&order(OrderState::Expired), &[], "x").0;
        assert!(expired.contains("expired at ") && expired.contains(" WIB;"), "{expired}");
        assert!(!paid.contains("id=\"return\""), "no redirect URL, no return link");
        assert!(is_qr_channel("qrph") && !is_qr_channel("GCASH"));
    }
}
